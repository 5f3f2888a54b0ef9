#pragma once
// A request URL taken apart the way signing schemes need it (SigV4, OAuth 1, Hawk, EdgeGrid all
// sign host, port, path and query separately), and the RFC 3986 encoding they share.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"

namespace postern::auth {

struct RequestTarget {
  std::string scheme;      ///< lower case
  std::string host;        ///< lower case, IPv6 without brackets
  std::uint16_t port = 0;  ///< explicit or the scheme's default
  bool explicit_port = false;
  std::string path;   ///< as sent, percent-escapes kept; "/" when the URL had none
  std::string query;  ///< as sent, without '?'; empty when none
};

/// Splits an absolute http(s) URL; the fragment is dropped. errc::bad_url otherwise.
base::Result<RequestTarget> split_request_target(std::string_view url);

/// "host" or "host:port" as the Host header carries it (the port only when not the default).
std::string host_header_value(const RequestTarget& target);

/// The query's "name=value" pairs in order, still encoded ("a=1&b" -> {a,1},{b,""}).
std::vector<std::pair<std::string, std::string>> split_query(std::string_view query);

/// RFC 3986 percent-encoding: unreserved characters (A-Z a-z 0-9 - . _ ~) stay, every other
/// byte becomes %XX with upper-case hex. `keep_slash` leaves '/' (for paths).
std::string percent_encode(std::string_view text, bool keep_slash = false);

/// `url` with "name=value" (already encoded) appended to its query.
std::string append_query(std::string_view url, std::string_view encoded_pair);

/// `text` as an RFC 9110 quoted-string: in double quotes, '"' and '\' escaped.
std::string quote_string(std::string_view text);

/// `url` with its path and query replaced (scheme, authority and fragment kept; no '?' when
/// `query` is empty). For schemes that rewrite the target they sign (SigV4, OAuth 1).
std::string with_target(std::string_view url, std::string_view path, std::string_view query);

}  // namespace postern::auth
