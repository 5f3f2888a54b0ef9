#pragma once
// The parts of an absolute URL that routing decisions need: scheme, host and port. Used to pick
// a proxy for a URL (NO_PROXY rules) and to name the host in messages. Deliberately small: it
// splits; it does not normalise paths. Only user info is percent-decoded (a proxy URL's
// "user:p%40ss@host", as curl reads it).

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::base {

/// An absolute URL's scheme, host and port.
struct UrlParts {
  std::string scheme;      ///< lower case: "http", "https", ...
  std::string host;        ///< lower case; an IPv6 literal without its brackets
  std::uint16_t port = 0;  ///< the explicit port, or the scheme's default (80, 443), or 0
  bool ipv6 = false;       ///< host was a bracketed IPv6 literal
  std::string username;    ///< from "user[:pass]@", percent-escapes decoded; usually empty
  std::string password;    ///< likewise; a secret: never log it (see redact_credentials)
};

/// Splits `url` ("scheme://[user[:pass]@]host[:port][/path][?query][#fragment]"); an error
/// naming the problem for anything else (no scheme, empty host, bad port, stray characters).
Result<UrlParts> parse_url(std::string_view url);

/// "%XX" escapes decoded ("p%40ss" -> "p@ss"); a '%' without two hex digits is kept as it is.
std::string percent_decode(std::string_view text);

/// percent_decode for query strings and urlencoded forms, where '+' also stands for a space.
std::string form_decode(std::string_view text);

/// "host:port", with brackets around an IPv6 host, for messages and proxy strings.
std::string authority_of(const UrlParts& parts);

/// `url` with any password replaced by "***", for logs and reports (secrets are never shown).
/// Works on "scheme://user:pw@host" and on "user:pw@host" without a scheme.
std::string redact_credentials(std::string_view url);

}  // namespace postern::base
