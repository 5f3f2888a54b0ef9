#pragma once
// Two streams joined: every byte from one is written to the other, both ways at once, until
// either side closes, fails or stays silent for the idle timeout; then both close. Used for
// pass-through CONNECT tunnels and for WebSocket after a 101.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
// <utility> first: Boost 1.74's awaitable.hpp uses std::exchange without including it.
#include <utility>

#include <boost/asio/awaitable.hpp>

#include "runtime/proxy/byte_stream.hpp"

namespace postern::proxy {

/// Bytes moved by a tunnel.
struct TunnelBytes {
  std::uint64_t client_to_server = 0;  ///< from the first stream to the second
  std::uint64_t server_to_client = 0;  ///< from the second stream to the first
};

/// Joins `client` and `server` on `executor` (which must run on one thread). Bytes already
/// read from either side are written first: `client_pending` to the server, `server_pending`
/// to the client. Returns once both directions have stopped.
boost::asio::awaitable<TunnelBytes> run_tunnel(boost::asio::any_io_executor executor,
                                               std::shared_ptr<ByteStream> client,
                                               std::shared_ptr<ByteStream> server,
                                               std::string client_pending,
                                               std::string server_pending,
                                               std::chrono::steady_clock::duration idle);

}  // namespace postern::proxy
