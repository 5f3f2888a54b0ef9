#pragma once
// The Cookie request header: reading one a client sent (captured requests) and writing the one
// the jar sends (RFC 6265 §5.4 step 4, RFC 6265bis §5.8.3).

#include <string>
#include <string_view>
#include <vector>

#include "runtime/cookies/cookie.hpp"

namespace postern::cookies {

/// One name=value pair of a Cookie header.
struct CookiePair {
  std::string name;   ///< empty for a nameless cookie, sent as its value alone
  std::string value;  ///< as sent
};

/// The pairs of a Cookie header value, in order. Lenient as servers are: pairs are split at ';',
/// trimmed of spaces and tabs, empty pairs skipped, and a pair without '=' is a nameless cookie.
std::vector<CookiePair> parse_cookie_header(std::string_view header);

/// "a=1; b=2" for `cookies` in the order given; a nameless cookie is written as its value alone
/// (RFC 6265bis), as browsers do.
std::string format_cookie_header(const std::vector<Cookie>& cookies);

}  // namespace postern::cookies
