#pragma once
// Standard base64 (RFC 4648 §4, with padding) for envelopes and the key file. Decoding is strict:
// the length is a multiple of 4, padding appears only at the end, no whitespace, and unused bits
// are zero, so each byte string has exactly one accepted spelling (what btoa() in the extension
// writes) and a tampered field is never silently "repaired".

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::bridge {

/// Encodes `bytes` as padded base64.
std::string base64_encode(std::string_view bytes);

/// Decodes strict padded base64; errc::base64_invalid names the first problem.
base::Result<std::string> base64_decode(std::string_view text);

}  // namespace postern::bridge
