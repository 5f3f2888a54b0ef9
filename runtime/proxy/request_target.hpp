#pragma once
// The request-target of a request line in its four forms (RFC 9112 §3.2). A forward proxy sees
// all of them: absolute-form from clients that know it is a proxy, authority-form on CONNECT,
// origin-form inside an intercepted tunnel, and asterisk-form for "OPTIONS *".

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace postern::proxy {

/// Which of the four forms a request-target has.
enum class TargetForm {
  origin,     ///< "/path?query"
  absolute,   ///< "http://host[:port]/path?query"
  authority,  ///< "host:port", CONNECT only
  asterisk,   ///< "*", OPTIONS only
};

/// A host and port, as in a Host field or an authority-form target.
struct Authority {
  std::string host;        ///< lower case; an IPv6 literal without its brackets
  std::uint16_t port = 0;  ///< the explicit port, or 0 when none was given
  bool ipv6 = false;       ///< the host was a bracketed IPv6 literal
};

/// A parsed request-target. `text` is always what the client sent.
struct RequestTarget {
  TargetForm form = TargetForm::origin;  ///< which form
  std::string text;                      ///< the request-target exactly as received
  std::string scheme;                    ///< absolute-form: lower case ("http")
  std::string authority;                 ///< absolute/authority-form: "host[:port]" as written
  std::string host;                      ///< absolute/authority-form: lower case, no brackets
  std::uint16_t port = 0;                ///< explicit port, else the scheme's default, else 0
  bool ipv6 = false;                     ///< the host is an IPv6 literal
  /// The origin-form equivalent: "/path?query" for origin- and absolute-form ("/" when the
  /// absolute URI has no path), "*" for asterisk-form, empty for authority-form.
  std::string path_and_query;
};

/// The default port of a scheme: 80 for http and ws, 443 for https and wss, else 0.
std::uint16_t default_port(std::string_view scheme);

/// Parses "host[:port]" (RFC 3986 reg-name, IPv4, or "[IPv6]"). With `port_required`, the port
/// must be present and non-empty (CONNECT). Refuses userinfo, empty hosts, port 0 and ports
/// over 65535. Error: errc::bad_target.
std::error_code parse_authority(std::string_view text, bool port_required, Authority& out);

/// Parses the request-target of a `method` request into `out`. CONNECT takes authority-form
/// only; "*" is only for OPTIONS; other targets must be origin- or absolute-form. Absolute URIs
/// with userinfo ("http://user@host/") are refused, as RFC 9110 §4.2.4 asks. Errors:
/// errc::bad_target.
std::error_code parse_request_target(std::string_view method, std::string_view text,
                                     RequestTarget& out);

}  // namespace postern::proxy
