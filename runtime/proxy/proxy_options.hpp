#pragma once
// How the capture proxy runs (docs/proxy.md). Plain values: the daemon fills them from its
// command line and settings.json; the proxy's parts read them and never look elsewhere.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runtime/proxy/limits.hpp"

namespace postern::proxy {

/// Where the proxy listens.
struct ListenOptions {
  /// 127.0.0.1 unless the user asks for the LAN (`--lan`: 0.0.0.0, every interface).
  std::string address = "127.0.0.1";
  /// The port users type into their system and phone proxy settings; seed 001's default.
  std::uint16_t port = 5555;
};

/// A proxy to reach origins through (settings.json's proxy settings, resolved per origin).
struct UpstreamProxy {
  std::string host;           ///< its host name or address
  std::uint16_t port = 0;     ///< its port
  std::string authorization;  ///< a Proxy-Authorization value ("Basic ..."), or empty
  std::string description;    ///< where it came from, for error pages ("custom proxy")
};

/// Chooses the upstream proxy for an origin; empty means connect directly.
using UpstreamProxyRoute = std::function<std::optional<UpstreamProxy>(
    std::string_view scheme, std::string_view host, std::uint16_t port)>;

/// Per-operation timeouts. Each is the longest the proxy waits for one step; a slow but moving
/// transfer never times out, because every read or write restarts its timer.
struct ProxyTimeouts {
  std::chrono::seconds connect{10};         ///< resolving and connecting to an origin
  std::chrono::seconds tls_handshake{10};   ///< either side's TLS handshake
  std::chrono::seconds request_head{30};    ///< the client sending a request head
  std::chrono::seconds idle_client{60};     ///< a kept-alive client connection between requests
  std::chrono::seconds response_head{120};  ///< the origin answering once the request is sent
  std::chrono::seconds transfer{120};       ///< any one read or write of a body
  std::chrono::seconds tunnel_idle{600};    ///< a tunnel (WebSocket, pass-through) with no traffic
};

/// Everything the proxy needs to run.
struct ProxyOptions {
  ListenOptions listen;  ///< where to listen
  /// Intercept HTTPS inside CONNECT with minted leaves; off: every CONNECT is a plain tunnel.
  bool intercept_tls = true;
  /// Hosts whose CONNECT tunnels are never intercepted (apps that pin their certificates):
  /// exact names or "*.example.com" (the name and every name under it).
  std::vector<std::string> pass_through;
  /// Verify origins' certificates against the system store (SSL_CERT_FILE / SSL_CERT_DIR honoured).
  /// Off is for lab servers only; the proxy says so in its log and in its status.
  bool verify_upstream = true;
  /// Chooses an upstream proxy per origin; empty: always direct.
  UpstreamProxyRoute upstream_proxy;
  ProxyTimeouts timeouts;  ///< per-operation timeouts
  HeadLimits head_limits;  ///< request and response head bounds
  /// I/O threads: one io_context each, connections spread round-robin. 0: one per core.
  unsigned threads = 0;
};

}  // namespace postern::proxy
