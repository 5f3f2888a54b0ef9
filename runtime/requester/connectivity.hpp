#pragma once
// The runtime's INTERNET_CONNECTIVITY check (`postern doctor`): can the runtime reach a URL
// through the proxy its settings choose? One HEAD request, any HTTP answer from the server
// counts; the failure is classified so the doctor can name the cause (the proxy refused, asked
// for credentials, could not reach the server; DNS; TLS; a timeout) and the remedy.

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/environment.hpp"
#include "runtime/requester/proxy_settings.hpp"

namespace postern::requester {

/// One check to run.
struct ConnectivityRequest {
  std::string url;      ///< what to reach
  ResolvedProxy proxy;  ///< direct, or through which proxy, with which credentials
  std::chrono::milliseconds timeout{8000};  ///< the whole check's bound
  std::string ca_file;  ///< CA bundle to verify TLS with (SSL_CERT_FILE); empty: default
  std::string ca_dir;   ///< CA folder (SSL_CERT_DIR); empty: default
};

/// Why a check failed (to_string gives the --json name).
enum class ConnectivityFailure {
  none,            ///< reached
  settings,        ///< settings.json is broken: nothing was tried
  bad_url,         ///< the URL cannot be used
  proxy_dns,       ///< the proxy's name does not resolve
  proxy_refused,   ///< nothing accepts connections at the proxy's address
  proxy_auth,      ///< the proxy wants (other) credentials: 407
  proxy_denied,    ///< the proxy refused to connect to the server (CONNECT answered non-2xx)
  proxy_upstream,  ///< the proxy answered 502/503/504: it could not reach the server
  dns,             ///< the server's name does not resolve
  refused,         ///< the server refused the connection
  timeout,         ///< nothing came back in time
  tls,             ///< TLS failed: certificate not trusted (a TLS-inspecting proxy?) or handshake
  reset,           ///< the connection broke before an HTTP answer
  cancelled,       ///< the runtime is stopping
  other,           ///< anything else libcurl reports
};

/// "proxy_refused", "tls", ...
std::string_view to_string(ConnectivityFailure failure);

/// What a check found.
struct ConnectivityReport {
  bool ok = false;
  std::string url;       ///< what was asked for
  std::string via;       ///< "direct" or the proxy URL, password redacted
  std::string route;     ///< why that route ("system proxy (HTTPS_PROXY)")
  long http_status = 0;  ///< the server's (or proxy's) status, when one came
  ConnectivityFailure failure = ConnectivityFailure::none;
  std::string message;       ///< a sentence naming the URL and the proxy
  std::string remedy;        ///< what to do, empty when ok
  long long elapsed_ms = 0;  ///< time taken
};

/// {"ok":..,"url":..,"via":..,"route":..,"http_status":..,"failure":..,"message":..,...}
nlohmann::json to_json(const ConnectivityReport& report);

/// Runs one check. `cancel`, when given and set, ends it early (the runtime is stopping).
ConnectivityReport check_connectivity(const ConnectivityRequest& request,
                                      const std::atomic<bool>* cancel = nullptr);

/// The check as the runtime runs it: settings from `<config_dir>/settings.json` (a broken file
/// is a `settings` failure naming it), `url_override` instead of the configured URL when given,
/// the proxy resolved for that URL, the CA bundle from SSL_CERT_FILE/SSL_CERT_DIR in `env`.
ConnectivityReport run_connectivity_check(const std::filesystem::path& config_dir,
                                          const base::Environment& env,
                                          const std::optional<std::string>& url_override,
                                          const std::atomic<bool>* cancel = nullptr);

}  // namespace postern::requester
