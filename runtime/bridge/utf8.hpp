#pragma once
// Strict UTF-8 validation of frame payloads (RFC 3629 §4): no overlong forms, no UTF-16
// surrogates (U+D800..U+DFFF), nothing above U+10FFFF. Chromium only sends valid UTF-8, so
// anything else on stdin did not come from the browser and is rejected before JSON parsing.

#include <cstddef>
#include <optional>
#include <string_view>

namespace postern::bridge {

/// Offset of the first byte that does not start or continue a valid UTF-8 sequence, or
/// nullopt when all of `text` is valid UTF-8. A sequence cut off by the end of `text` is invalid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

/// True when `text` is valid UTF-8.
inline bool is_valid_utf8(std::string_view text) {
  return !find_invalid_utf8(text).has_value();
}

/// Length of the valid UTF-8 sequence starting at `text[at]`, or 0 when none starts there.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

}  // namespace postern::bridge
