#pragma once
// The proxy settings for what the runtime sends itself (the connectivity check now, the
// requester later), as in seed 003: the system proxy (with optional credentials for it) or a
// custom proxy (HTTP, HTTPS or both; host:port; basic auth; a bypass list). Custom wins when
// both are on. Both off means direct: unlike Postman, proxy variables in the environment do not
// silently override a user who turned the system proxy off.

#include <string>

#include <nlohmann/json.hpp>

#include "base/environment.hpp"
#include "base/result.hpp"
#include "base/url.hpp"
#include "platform/system_proxy.hpp"

namespace postern::requester {

/// A user name and password for a proxy that asks for basic authentication.
struct ProxyCredentials {
  std::string username;  ///< empty: no authentication
  std::string password;  ///< never logged or shown
};

/// The proxy part of settings.json ("proxy": {...}); docs/settings.md has the format.
struct ProxySettings {
  bool use_system = true;              ///< "system": {"enabled": true}
  bool system_use_environment = true;  ///< read http(s)_proxy / no_proxy for the system proxy
  ProxyCredentials system_auth;        ///< credentials for the system proxy ("default proxy")
  bool use_custom = false;             ///< "custom": {"enabled": true}
  bool custom_for_http = true;         ///< send http:// URLs through the custom proxy
  bool custom_for_https = true;        ///< send https:// URLs through the custom proxy
  std::string custom_server;           ///< "host:port", no scheme (as the seed asks)
  ProxyCredentials custom_auth;        ///< credentials for the custom proxy
  std::string custom_bypass;           ///< comma-separated hosts that skip the custom proxy
};

/// Reads the "proxy" object; an error naming the field for a wrong type or a bad server.
base::Result<ProxySettings> proxy_settings_from_json(const nlohmann::json& proxy);

/// Where a request to a URL goes, and with which credentials.
struct ResolvedProxy {
  platform::ProxyRoute route;    ///< direct, or the proxy URL and where it came from
  ProxyCredentials credentials;  ///< to send to the proxy (may be empty)
};

/// The proxy for `target` under `settings`, reading the system proxy from `env`.
ResolvedProxy resolve_proxy(const ProxySettings& settings, const base::Environment& env,
                            const base::UrlParts& target);

}  // namespace postern::requester
