#pragma once
// Byte-level text helpers for the cookie grammars. Cookie headers are bytes, not text in any
// locale: these look at ASCII only, never call <cctype> (whose answers depend on the locale and
// are undefined for negative chars), and pass every byte >= 0x80 through unchanged.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace postern::cookies::ascii {

/// %x00-08 / %x0A-1F / %x7F: the control characters that make RFC 6265bis ignore a cookie (HTAB
/// is allowed).
constexpr bool is_forbidden_control(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte < 0x20 && byte != 0x09) || byte == 0x7F;
}
/// Whether `c` is '0'..'9'.
constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
/// Whether any byte of `text` is 0x80 or above.
bool has_non_ascii(std::string_view text);
/// Whether any byte of `text` is a forbidden control character.
bool has_forbidden_control(std::string_view text);

/// `c` in lower case when it is 'A'..'Z'; every other byte unchanged.
constexpr char to_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}
/// `text` with 'A'..'Z' lowered; other bytes (UTF-8 included) unchanged.
std::string to_lower(std::string_view text);
/// Case-insensitive comparison over ASCII letters.
bool iequals(std::string_view a, std::string_view b);
/// Whether `text` begins with `prefix`, ignoring ASCII case.
bool istarts_with(std::string_view text, std::string_view prefix);

/// `text` without leading and trailing SP and HTAB (RFC 5234 WSP), as §5.2 trims.
std::string_view trim_wsp(std::string_view text);

/// The code points of UTF-8 `text`; nothing when it is not valid UTF-8 (overlong forms,
/// surrogates, truncated sequences, points past U+10FFFF).
std::optional<std::vector<std::uint32_t>> utf8_code_points(std::string_view text);
/// Whether `text` is valid UTF-8 (JSON strings must be).
bool valid_utf8(std::string_view text);

/// `text` made safe to show and to put in JSON: control bytes and bytes >= 0x80 as "\xNN", and
/// cut to `limit` bytes with "..." after. Cookie headers are outside input, often not UTF-8.
std::string printable(std::string_view text, std::size_t limit = 120);

}  // namespace postern::cookies::ascii
