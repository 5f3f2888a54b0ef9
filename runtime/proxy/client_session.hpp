#pragma once
// One accepted client connection, from its first byte to its close: HTTP relayed as a forward
// proxy, and on CONNECT the tunnel's fate decided from its first bytes (client_hello.hpp):
// intercepted TLS (a leaf minted for the SNI), plain HTTP relayed with the tunnel's origin, or
// bytes passed through untouched (hosts on the pass-through list, interception off, protocols
// that are neither). Never throws: a failure ends this connection and is logged.

// <utility> first: Boost 1.74's awaitable.hpp uses std::exchange without including it.
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "runtime/proxy/proxy_context.hpp"

namespace postern::proxy {

/// Serves `socket` (accepted on the io_context it will run on) until it closes.
boost::asio::awaitable<void> serve_client(ProxyContext& context,
                                          boost::asio::ip::tcp::socket socket);

}  // namespace postern::proxy
