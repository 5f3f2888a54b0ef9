#pragma once
// What every connection of one proxy shares: its options, the hooks capture subscribes to, the
// TLS contexts, the pass-through list, the CA download and counters. Made once at start; read
// by every I/O thread (the TLS contexts and the CertStore are thread-safe, counters atomic).

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/proxy/exchange_hooks.hpp"
#include "runtime/proxy/interception_tls.hpp"
#include "runtime/proxy/pass_through_list.hpp"
#include "runtime/proxy/proxy_options.hpp"
#include "runtime/proxy/proxy_pages.hpp"
#include "runtime/proxy/upstream_tls.hpp"

namespace postern::proxy {

/// Live counters, for status and benchmarks.
struct ProxyCounters {
  std::atomic<std::uint64_t> connections{0};          ///< client connections accepted
  std::atomic<std::uint64_t> open_connections{0};     ///< client connections open now
  std::atomic<std::uint64_t> exchanges{0};            ///< HTTP exchanges relayed (failed ones too)
  std::atomic<std::uint64_t> upstream_failures{0};    ///< exchanges answered with a 502/504 page
  std::atomic<std::uint64_t> intercepted{0};          ///< CONNECT tunnels intercepted
  std::atomic<std::uint64_t> tunnelled{0};            ///< CONNECT tunnels passed through
  std::atomic<std::uint64_t> client_tls_failures{0};  ///< clients that refused our leaf
};

/// Shared state of one running proxy.
class ProxyContext {
 public:
  /// A context for `options`. `leaves` null: no CA, so CONNECT is always a plain tunnel.
  /// `hooks` may be null (nothing recorded). `log` gets one line per notable event.
  ProxyContext(ProxyOptions options, std::shared_ptr<certs::CertStore> leaves,
               std::shared_ptr<ExchangeHooks> hooks, CaDownload ca,
               std::function<void(const std::string&)> log);

  const ProxyOptions& options() const { return options_; }
  /// Null when HTTPS is not intercepted (no CA, or turned off).
  InterceptionTls* interception() { return interception_.get(); }
  UpstreamTls& upstream_tls() { return upstream_tls_; }
  const PassThroughList& pass_through() const { return pass_through_; }
  ExchangeHooks* hooks() const { return hooks_.get(); }
  const CaDownload& ca() const { return ca_; }
  ProxyCounters& counters() { return counters_; }
  /// Writes one line to the runtime's log.
  void log(const std::string& line) const;
  /// Records where the proxy listens once bound (port 0 becomes the port picked) and the
  /// machine's other addresses (--lan), so requests to the proxy itself are never relayed.
  void set_listening(std::uint16_t port, std::vector<std::string> own_addresses);
  /// The port the proxy listens on.
  std::uint16_t listening_port() const { return port_; }
  /// True when `host`:`port` is this proxy through one of the machine's LAN addresses.
  bool is_own_lan_address(std::string_view host, std::uint16_t port) const;

 private:
  ProxyOptions options_;
  std::unique_ptr<InterceptionTls> interception_;
  UpstreamTls upstream_tls_;
  PassThroughList pass_through_;
  std::shared_ptr<ExchangeHooks> hooks_;
  CaDownload ca_;
  std::function<void(const std::string&)> log_;
  ProxyCounters counters_;
  std::uint16_t port_ = 0;                  // written once before the I/O threads start
  std::vector<std::string> own_addresses_;  // likewise
};

}  // namespace postern::proxy
