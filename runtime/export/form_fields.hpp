#pragma once
// The name/value pairs inside captured requests that HAR and Postman list one by one: the
// query string, an application/x-www-form-urlencoded body (WHATWG URL §5.1) and a
// multipart/form-data body (RFC 7578 over RFC 2046 §5.1.1). Lenient like the servers that
// received them; a multipart body that does not parse is reported as such, and the caller
// exports the raw text instead.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace postern::exports {

/// One pair of a query string or a urlencoded body.
struct FormField {
  std::string name;                  ///< as written (raw) or decoded, as the function says
  std::optional<std::string> value;  ///< empty for a pair without '=' ("?flag")
};

/// One part of a multipart/form-data body.
struct FormPart {
  std::string name;                      ///< the Content-Disposition name
  std::string value;                     ///< the part's bytes
  std::optional<std::string> file_name;  ///< set for a file part (filename="...")
  std::string content_type;              ///< the part's Content-Type; empty when none
};

/// The pairs of `query` (after '?', without it) as written, nothing decoded: Postman keeps
/// query parameters encoded as they appear in the URL.
std::vector<FormField> split_query(std::string_view query);

/// The pairs of a urlencoded text (a query string or a form body), percent-decoded, '+' as
/// space. Empty pairs ("a=1&&b=2") are skipped.
std::vector<FormField> parse_urlencoded(std::string_view text);

/// The parts of multipart `body` sent with `content_type` (which names the boundary); nothing
/// when there is no boundary or the body does not end with the closing delimiter (a truncated
/// capture, or not multipart at all).
std::optional<std::vector<FormPart>> parse_multipart(std::string_view body,
                                                     std::string_view content_type);

/// The parameter `name` (case-insensitive) of a header value like `form-data; name="a"` or
/// `multipart/form-data; boundary=x`, unquoted; nothing when absent.
std::optional<std::string> header_parameter(std::string_view value, std::string_view name);

}  // namespace postern::exports
