#include "runtime/proxy/tunnel.hpp"

#include <limits>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace postern::proxy {
namespace {

namespace asio = boost::asio;

constexpr std::size_t kTunnelChunk = 16 * 1024;

// One direction: copies until either side fails or the source goes quiet, then closes both so
// the other direction ends too.
asio::awaitable<void> pipe(std::shared_ptr<ByteStream> from, std::shared_ptr<ByteStream> to,
                           std::string pending, std::chrono::steady_clock::duration idle,
                           std::uint64_t& moved) {
  boost::system::error_code error;
  if (!pending.empty()) {
    to->set_timeout(idle);
    co_await to->write_all(pending, error);
    moved += pending.size();
  }
  std::vector<char> buffer(kTunnelChunk);
  while (!error) {
    from->set_timeout(idle);
    const std::size_t n = co_await from->read_some(buffer, error);
    if (error) break;
    to->set_timeout(idle);
    co_await to->write_all(std::string_view(buffer.data(), n), error);
    moved += n;
  }
  from->close();
  to->close();
}

// Wakes the waiting direction when the spawned one is done (Asio 1.74 has no awaitable `&&`).
struct Join {
  explicit Join(asio::any_io_executor executor) : timer(executor) {
    timer.expires_at(asio::steady_timer::time_point::max());
  }
  asio::steady_timer timer;
  bool done = false;
  std::uint64_t moved = 0;
};

}  // namespace

asio::awaitable<TunnelBytes> run_tunnel(asio::any_io_executor executor,
                                        std::shared_ptr<ByteStream> client,
                                        std::shared_ptr<ByteStream> server,
                                        std::string client_pending, std::string server_pending,
                                        std::chrono::steady_clock::duration idle) {
  auto join = std::make_shared<Join>(executor);
  asio::co_spawn(
      executor,
      [server, client, join, pending = std::move(server_pending),
       idle]() mutable -> asio::awaitable<void> {
        co_await pipe(server, client, std::move(pending), idle, join->moved);
        join->done = true;
        join->timer.cancel();
      },
      asio::detached);
  TunnelBytes bytes;
  co_await pipe(client, server, std::move(client_pending), idle, bytes.client_to_server);
  if (!join->done) {
    boost::system::error_code ignored;
    co_await join->timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  }
  bytes.server_to_client = join->moved;
  co_return bytes;
}

}  // namespace postern::proxy
