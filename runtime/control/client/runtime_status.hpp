#pragma once
// GET /v1/status (docs/control-api.md): what runs, since when, and where the capture proxy
// listens. As a plain struct for the capture window, and the proxy's addresses as the CLI shows
// them, read leniently from the JSON (a status with a field more or less still has addresses).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "runtime/control/client/json_fields.hpp"

namespace postern::control_client {

/// Why the capture proxy does not listen (its port was taken, ...).
struct ProxyProblem {
  std::string code;     ///< PROXY_PORT_IN_USE, PROXY_LISTEN_FAILED
  std::string message;  ///< a sentence
  std::string remedy;   ///< what to do; may be empty
};

/// The capture proxy's part of the status.
struct ProxyStatus {
  bool listening = false;               ///< false when its port could not be taken
  std::string host;                     ///< the address it is bound to; may be empty
  std::int64_t port = 0;                ///< its port
  bool lan = false;                     ///< reachable from other devices
  std::vector<std::string> addresses;   ///< "host:port" to point clients at (proxy_addresses())
  bool intercept = false;               ///< HTTPS is intercepted (clients must trust the CA)
  std::string ca_file;                  ///< the CA certificate clients must trust; may be empty
  std::string intercept_off_reason;     ///< why HTTPS is only tunnelled; may be empty
  std::optional<ProxyProblem> problem;  ///< why it does not listen
};

/// The whole status.
struct RuntimeStatus {
  std::string runtime_version;       ///< "0.1.0"
  std::int64_t pid = 0;              ///< the runtime's process id
  std::string started_at;            ///< UTC ISO 8601
  std::int64_t uptime_s = 0;         ///< seconds since it started
  std::int64_t socket_clients = 0;   ///< clients on its local socket (bridges, front ends)
  std::optional<ProxyStatus> proxy;  ///< none when the runtime runs without a proxy
};

/// Reads a /v1/status answer.
RuntimeStatus read_runtime_status(const JsonFields& fields);
/// read_runtime_status() on a whole answer; a malformed one is control_errc::bad_response.
base::Result<RuntimeStatus> parse_runtime_status(const nlohmann::json& document);

/// The proxy's "host:port" addresses from a /v1/status answer: each of `proxy.addresses` (bare
/// addresses get `proxy.port`, IPv6 ones brackets), else `proxy.host`; empty without a proxy.
/// Lenient: never fails.
std::vector<std::string> proxy_addresses(const nlohmann::json& status);

/// Whether the capture proxy listens: false when the runtime says `"listening": false` (its
/// port was taken; `proxy.error` says why) or names no address. Lenient: never fails.
bool proxy_listening(const nlohmann::json& status);

}  // namespace postern::control_client
