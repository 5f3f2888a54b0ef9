#pragma once
// The proxy settings for what the runtime sends itself (the connectivity check, the requester),
// as in seed 003: the system proxy (with optional credentials for it) or a custom proxy (HTTP,
// HTTPS or both; host:port; basic auth; a bypass list; optionally a PAC file). Custom wins when
// both are on. Both off means direct: unlike Postman, proxy variables in the environment do not
// silently override a user who turned the system proxy off.
//
// The system proxy has two sources: the environment variables and the desktop's settings
// (GNOME, KDE, macOS, Windows, with their PAC files). When the environment names a proxy it
// decides alone: a shell's variables are the narrower, more deliberate choice (a user who set
// them for one terminal meant them), and every command-line tool already obeys them.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/environment.hpp"
#include "base/result.hpp"
#include "base/url.hpp"
#include "platform/desktop_proxy.hpp"
#include "platform/pac_proxy.hpp"
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
  std::string custom_pac_url;          ///< "custom": {"pac_url"}: a PAC file that picks the proxy
};

/// Reads the "proxy" object; an error naming the field for a wrong type or a bad server.
base::Result<ProxySettings> proxy_settings_from_json(const nlohmann::json& proxy);

/// The "proxy" object for `settings`, every field written (passwords included: this is what the
/// file holds, never what a report shows).
nlohmann::json proxy_settings_to_json(const ProxySettings& settings);

/// Replaces the "proxy" object of settings.json at `file` with `settings`, keeping every other
/// field. Refuses (and leaves the file as it is) when the file is broken or the result would not
/// load. Written atomically, readable by the user only (it may hold proxy passwords).
base::Result<base::Ok> save_proxy_settings(const std::filesystem::path& file,
                                           const ProxySettings& settings);

/// Where resolve_proxy reads the system proxy from.
struct SystemProxySources {
  base::Environment env;                          ///< the environment variables
  std::optional<platform::DesktopProxy> desktop;  ///< the desktop's settings; nullopt: not read
  platform::PacEvaluator pac;                     ///< runs PAC files; empty: none can run
};

/// This machine's sources for the user in `env`: the desktop read now (a gsettings run, a file
/// read, scutil or WinHTTP) and PAC files run by libproxy. Read once per batch of requests.
SystemProxySources live_proxy_sources(const base::Environment& env);

/// Where a request to a URL goes, with which credentials, and why.
struct ResolvedProxy {
  platform::ProxyRoute route;        ///< direct, or the proxy URL (never with credentials in it)
  ProxyCredentials credentials;      ///< to send to the proxy (may be empty)
  std::string setting;               ///< what decided: "custom", "system (environment)", ...
  std::string credentials_from;      ///< "proxy.custom.auth", "the proxy URL", ...; empty: none
  std::vector<std::string> reasons;  ///< the decision step by step (`postern proxy explain`)
};

/// The proxy for `target` under `settings`, with the system proxy from `sources`.
ResolvedProxy resolve_proxy(const ProxySettings& settings, const SystemProxySources& sources,
                            const base::UrlParts& target);

/// The same with the environment as the only system source and no PAC engine: pure, no I/O
/// (tests, the fuzz target, and callers that have not read the desktop).
ResolvedProxy resolve_proxy(const ProxySettings& settings, const base::Environment& env,
                            const base::UrlParts& target);

}  // namespace postern::requester
