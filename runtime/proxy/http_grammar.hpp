#pragma once
// The character classes and small list rules of RFC 9110 §5.6, shared by every parser here.
// All checks are on bytes (octets): HTTP/1.1 heads are not text in any one encoding.

#include <string>
#include <string_view>
#include <vector>

namespace postern::proxy {

/// tchar (RFC 9110 §5.6.2): the characters a token, a method or a field name may hold.
bool is_tchar(char c);
/// A non-empty run of tchar.
bool is_token(std::string_view text);
/// SP or HTAB: the "optional whitespace" (OWS) around field values and list elements.
inline bool is_ows(char c) {
  return c == ' ' || c == '\t';
}
/// A control character (0x00-0x1F, 0x7F) other than HTAB: never allowed in a field value.
bool is_forbidden_in_value(char c);
/// A field value with leading and trailing OWS already removed holds only VCHAR, obs-text,
/// SP and HTAB (RFC 9110 §5.5): no NUL, CR, LF or other control characters.
bool is_valid_field_value(std::string_view value);
/// An ASCII hex digit's value, or -1.
int hex_value(char c);
/// `text` without leading and trailing SP/HTAB.
std::string_view trim_ows(std::string_view text);
/// ASCII case-insensitive equality (field names, tokens, schemes).
bool iequals(std::string_view a, std::string_view b);
/// `text` with ASCII letters lowered.
std::string to_lower(std::string_view text);
/// The elements of a comma-separated list (RFC 9110 §5.6.1), each trimmed of OWS; empty
/// elements are dropped, as recipients must accept "a, , b". Quoted strings are not special:
/// every list read here (Connection, Transfer-Encoding, Upgrade, Expect, Content-Length) is
/// made of tokens.
std::vector<std::string_view> split_list(std::string_view value);

}  // namespace postern::proxy
