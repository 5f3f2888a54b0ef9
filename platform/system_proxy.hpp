#pragma once
// Which proxy the environment says to use for a URL: the variables every command line tool reads
// (http_proxy, https_proxy, all_proxy, no_proxy, in both cases), and the no_proxy matcher that
// the custom proxy's bypass list shares. The desktop's settings (GNOME, KDE, scutil, WinINet) are
// in desktop_proxy.hpp; the requester combines both (runtime/requester/proxy_settings.hpp).

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
  std::string pac_url;      ///< the PAC file that decided, when one did
  std::string pac_answer;   ///< what its FindProxyForURL returned ("PROXY a:1; DIRECT")
};

/// Does the environment name any proxy (http_proxy, https_proxy or all_proxy, either case; not
/// HTTP_PROXY under CGI)? When it does, it decides alone, and the desktop is not asked.
bool environment_sets_proxy(const base::Environment& env);

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
