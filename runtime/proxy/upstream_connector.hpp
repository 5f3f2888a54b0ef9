#pragma once
// Opening the connection an exchange or a tunnel goes out on: directly, or through the upstream
// proxy the settings choose for that origin (CONNECT for https and tunnels, absolute-form
// requests for http), then TLS for https. Every failure comes back classified
// (upstream_failure.hpp) for the 502/504 page; nothing here throws.

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/any_io_executor.hpp>
// <utility> first: Boost 1.74's awaitable.hpp uses std::exchange without including it.
#include <utility>

#include <boost/asio/awaitable.hpp>

#include "runtime/proxy/byte_stream.hpp"
#include "runtime/proxy/origin.hpp"
#include "runtime/proxy/proxy_context.hpp"
#include "runtime/proxy/upstream_failure.hpp"

namespace postern::proxy {

/// An open connection to an origin.
struct UpstreamConnection {
  std::shared_ptr<ByteStream> stream;  ///< plain or TLS
  Origin origin;                       ///< where it goes
  std::string server_address;          ///< "ip:port" connected to (the upstream proxy's, if any)
  /// Requests go to an HTTP upstream proxy: absolute-form targets and this Proxy-Authorization.
  bool absolute_form = false;
  std::string proxy_authorization;   ///< sent with absolute-form requests; may be empty
  std::optional<double> connect_ms;  ///< resolve + connect (+ the proxy's CONNECT)
  std::optional<double> tls_ms;      ///< the TLS handshake
};

/// A connection, or why there is none.
struct ConnectOutcome {
  std::optional<UpstreamConnection> connection;  ///< set on success
  UpstreamFailure failure;                       ///< set otherwise
};

/// Connects to `origin` on `executor`.
boost::asio::awaitable<ConnectOutcome> connect_upstream(ProxyContext& context,
                                                        boost::asio::any_io_executor executor,
                                                        const Origin& origin);

}  // namespace postern::proxy
