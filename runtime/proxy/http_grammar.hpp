#pragma once
// The character classes and small list rules of RFC 9110 §5.6, shared by every parser here.
// All checks are on bytes (octets): HTTP/1.1 heads are not text in any one encoding.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace postern::proxy {

namespace grammar_detail {

inline constexpr std::uint8_t kTchar = 1;
inline constexpr std::uint8_t kForbiddenInValue = 2;

// The class of every byte, computed at compile time: the parsers ask it for each byte of
// every head, and a table lookup is what keeps that cheap.
constexpr std::array<std::uint8_t, 256> byte_classes() {
  std::array<std::uint8_t, 256> classes{};
  for (int c = '0'; c <= '9'; ++c)
    classes[c] |= kTchar;
  for (int c = 'a'; c <= 'z'; ++c)
    classes[c] |= kTchar;
  for (int c = 'A'; c <= 'Z'; ++c)
    classes[c] |= kTchar;
  for (char c : std::string_view("!#$%&'*+-.^_`|~"))
    classes[static_cast<unsigned char>(c)] |= kTchar;
  for (int c = 0; c < 0x20; ++c)
    if (c != '\t') classes[c] |= kForbiddenInValue;
  classes[0x7F] |= kForbiddenInValue;
  return classes;
}

inline constexpr std::array<std::uint8_t, 256> kByteClasses = byte_classes();

}  // namespace grammar_detail

/// tchar (RFC 9110 §5.6.2): the characters a token, a method or a field name may hold.
inline bool is_tchar(char c) {
  return (grammar_detail::kByteClasses[static_cast<unsigned char>(c)] & grammar_detail::kTchar) !=
         0;
}
/// A non-empty run of tchar.
bool is_token(std::string_view text);
/// SP or HTAB: the "optional whitespace" (OWS) around field values and list elements.
inline bool is_ows(char c) {
  return c == ' ' || c == '\t';
}
/// A control character (0x00-0x1F, 0x7F) other than HTAB: never allowed in a field value.
inline bool is_forbidden_in_value(char c) {
  return (grammar_detail::kByteClasses[static_cast<unsigned char>(c)] &
          grammar_detail::kForbiddenInValue) != 0;
}
/// A field value with leading and trailing OWS already removed holds only VCHAR, obs-text,
/// SP and HTAB (RFC 9110 §5.5): no NUL, CR, LF or other control characters.
bool is_valid_field_value(std::string_view value);
/// An ASCII hex digit's value, or -1.
int hex_value(char c);
/// `text` without leading and trailing SP/HTAB.
std::string_view trim_ows(std::string_view text);
/// `c` with an ASCII capital lowered.
inline char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
/// ASCII case-insensitive equality (field names, tokens, schemes).
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i] && ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}
/// `text` with ASCII letters lowered.
std::string to_lower(std::string_view text);
/// The elements of a comma-separated list (RFC 9110 §5.6.1), each trimmed of OWS; empty
/// elements are dropped, as recipients must accept "a, , b". Quoted strings are not special:
/// every list read here (Connection, Transfer-Encoding, Upgrade, Expect, Content-Length) is
/// made of tokens.
std::vector<std::string_view> split_list(std::string_view value);
/// Calls `visit(element)` for each element split_list would return, without building the list
/// (the hot paths read Connection on every message).
template <typename Visit>
void for_each_list_element(std::string_view value, Visit&& visit) {
  while (!value.empty()) {
    const auto comma = value.find(',');
    const std::string_view element = trim_ows(value.substr(0, comma));
    if (!element.empty()) visit(element);
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
}

}  // namespace postern::proxy
