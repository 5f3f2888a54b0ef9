#pragma once
// Headers are stored as one BLOB per message: an ordered list of (name, value) byte strings,
// each prefixed by its length as 4 bytes little-endian. Length prefixes keep any byte (NUL, CR,
// LF, ':', invalid UTF-8) intact, which a "name: value" text form could not.

#include <optional>
#include <string>
#include <string_view>

#include "runtime/store/records.hpp"

namespace postern::store {

/// The BLOB form of `headers`.
std::string encode_headers(const Headers& headers);

/// Headers from their BLOB form; empty when `blob` is not one (cut short, bad lengths).
std::optional<Headers> decode_headers(std::string_view blob);

}  // namespace postern::store
