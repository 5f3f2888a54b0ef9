#pragma once
// Parsing a Set-Cookie header value the way a browser does: RFC 6265 §5.2 with the updates of
// RFC 6265bis §5.6 (nameless cookies, control characters, size limits, the 400-day cap,
// SameSite). Parsing is lenient: a bad attribute is dropped with a note and the cookie kept; only
// a broken name-value pair drops the whole line. Whether the cookie may be stored for the host
// that sent it is the storage model's question (storage_model.hpp), not the parser's.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "base/result.hpp"
#include "runtime/cookies/cookie.hpp"
#include "runtime/cookies/errc.hpp"

namespace postern::cookies {

/// RFC 6265bis §5.6: browsers ignore a cookie whose name and value together exceed 4096 bytes
/// (the minimum RFC 6265 §6.1 asks every user agent to store).
inline constexpr std::size_t kMaxNameValueBytes = 4096;
/// RFC 6265bis §5.6: an attribute value over 1024 bytes is ignored (Chrome and Firefox agree).
inline constexpr std::size_t kMaxAttributeValueBytes = 1024;
/// RFC 6265bis §5.5: Expires and Max-Age are capped at 400 days from now, as Chrome and Firefox
/// cap them, so a long-gone site's cookie does not live for decades.
inline constexpr std::chrono::seconds kMaxCookieAge = std::chrono::days{400};

/// An attribute the parser dropped or replaced with its default, and why (for the capture UI).
struct AttributeNote {
  errc reason;            ///< which rule applied
  std::string attribute;  ///< the attribute as written, made printable and cut short
};

/// A Set-Cookie line as parsed: the cookie's own fields before the storage model applies the
/// request's host, path and scheme.
struct SetCookie {
  std::string name;                   ///< may be empty (a nameless cookie)
  std::string value;                  ///< as sent, quotes included
  std::optional<Time> expires;        ///< Max-Age if present, else Expires; nothing: session
  std::optional<std::string> domain;  ///< the Domain attribute, lower case, no leading dot
  std::optional<std::string> path;    ///< the Path attribute; "" means "use the default path"
  bool secure = false;                ///< the Secure attribute
  bool http_only = false;             ///< the HttpOnly attribute
  SameSite same_site = SameSite::unspecified;  ///< the SameSite attribute
  std::vector<AttributeNote> notes;            ///< attributes ignored, in order
};

/// Parses one Set-Cookie header value received at `now` (Max-Age counts from it). An error
/// (errc::invalid_character, empty_cookie, cookie_too_large or invalid_prefix) when a browser
/// would ignore the whole line.
base::Result<SetCookie> parse_set_cookie(std::string_view header, Time now);

/// Whether `name` and `value` could have come from a Set-Cookie line: no control characters,
/// no ';', no '=' in the name, not both empty, within kMaxNameValueBytes, and no nameless
/// cookie posing as a prefixed one. The jar's add() checks cookies typed by hand with it.
std::error_code check_name_value(std::string_view name, std::string_view value);

}  // namespace postern::cookies
