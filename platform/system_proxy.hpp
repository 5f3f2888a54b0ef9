#pragma once
// Which proxy the system says to use for a URL. Today: the environment variables every command
// line tool reads (http_proxy, https_proxy, all_proxy, no_proxy, in both cases). Desktop proxy
// settings (GNOME, KDE, scutil, WinINet) join here as more sources behind the same answer.

#include <string>
#include <string_view>

#include "base/environment.hpp"
#include "base/url.hpp"

namespace postern::platform {

/// Where a request to some URL should go.
struct ProxyRoute {
  bool direct = true;       ///< no proxy
  std::string proxy_url;    ///< "http://[user:pass@]host:port" when not direct
  std::string source;       ///< the variable it came from ("HTTPS_PROXY"), or why direct
  std::string bypass_rule;  ///< the no_proxy entry that matched, when one did
};

/// The environment's proxy for `target`. Lower-case names win over upper case, as in curl and
/// wget. HTTP_PROXY (upper case) is ignored when REQUEST_METHOD is set: under CGI, a request's
/// "Proxy:" header arrives as HTTP_PROXY ("httpoxy"), and must not pick our proxy.
ProxyRoute environment_proxy_for(const base::Environment& env, const base::UrlParts& target);

/// Does the no_proxy list `rules` (comma or space separated) exempt `target`? "*" exempts
/// every host; "example.com" and ".example.com" exempt it and its subdomains; an IPv4 or IPv6
/// address or CIDR block (10.0.0.0/8) exempts addresses in it; "host:port" only that port.
/// Returns the matching entry, or empty.
std::string bypass_rule_for(std::string_view rules, const base::UrlParts& target);

/// `proxy` ("host:port" or "scheme://host:port") with a scheme; "http://" when it had none.
std::string with_proxy_scheme(std::string_view proxy);

}  // namespace postern::platform
