#pragma once
// The capture proxy as the daemon runs it: the proxy CA loaded from `<config>/proxy` (created
// when the folder is empty, as seed 001 describes for a deleted folder), a CertStore for its
// leaves, the proxy server, and the facts /v1/status reports. A CA that cannot be loaded does
// not stop the proxy: HTTP still works and CONNECT becomes a plain tunnel, and the status says
// why interception is off.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "certs/certificate_authority.hpp"
#include "runtime/proxy/exchange_hooks.hpp"
#include "runtime/proxy/proxy_options.hpp"
#include "runtime/proxy/proxy_server.hpp"

namespace postern::daemon {

/// A running capture proxy and what it was started with.
class CaptureProxy {
 public:
  /// Loads or creates the CA in `ca_dir`, then binds and starts the proxy.
  static base::Result<std::unique_ptr<CaptureProxy>> start(
      proxy::ProxyOptions options, const std::filesystem::path& ca_dir,
      std::shared_ptr<proxy::ExchangeHooks> hooks, std::function<void(const std::string&)> log);

  /// Stops the proxy (closing every connection).
  void stop() { server_->stop(); }
  /// The port it listens on.
  std::uint16_t port() const { return server_->port(); }
  /// The `proxy` object of GET /v1/status.
  nlohmann::json status() const;
  /// One line for the log: where to point clients.
  std::string describe() const;
  /// The `proxy` object of GET /v1/status when the proxy could not start: the runtime keeps
  /// serving its API (the extension, cookie sync and the requester still work) and says why.
  static nlohmann::json failed_status(const proxy::ListenOptions& listen, const base::Error& why);

 private:
  CaptureProxy() = default;

  std::unique_ptr<proxy::ProxyServer> server_;
  std::shared_ptr<const certs::CertificateAuthority> ca_;
  std::string ca_problem_;  // why HTTPS is not intercepted, when it is not
  bool lan_ = false;
};

}  // namespace postern::daemon
