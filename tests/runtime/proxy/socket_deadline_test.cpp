#include "runtime/proxy/socket_deadline.hpp"

#include <chrono>
#include <memory>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <catch2/catch.hpp>

using namespace postern::proxy;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

// A loopback TCP connection: `ours` is read and written through SocketDeadline::read_some and
// write_socket, `theirs` is the peer, driven by hand.
struct Connection {
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  tcp::socket ours{io};
  tcp::socket theirs{io};
  SocketDeadline deadline{ours};

  Connection() {
    ours.connect(acceptor.local_endpoint());
    acceptor.accept(theirs);
    ours.non_blocking(true);
  }

  // Runs `body` as a coroutine on the connection's thread until everything is done.
  template <typename Body>
  void run(Body body) {
    asio::co_spawn(io, std::move(body), asio::detached);
    io.run();
    io.restart();
  }

  // Writes `bytes` from the peer after `delay`, on the same thread.
  void peer_writes_after(Clock::duration delay, std::string bytes) {
    auto timer = std::make_shared<asio::steady_timer>(io, delay);
    timer->async_wait([this, timer, bytes = std::move(bytes)](boost::system::error_code) {
      asio::write(theirs, asio::buffer(bytes));
    });
  }
};

}  // namespace

TEST_CASE("a read takes what is there, or waits for it", "[proxy][socket]") {
  Connection c;
  c.deadline.set(5s);
  asio::write(c.theirs, asio::buffer(std::string("ready")));
  c.peer_writes_after(50ms, "later");
  std::string got;
  Clock::duration waited{};
  c.run([&]() -> asio::awaitable<void> {
    char buffer[64];
    boost::system::error_code error;
    std::size_t n = co_await c.deadline.read_some(buffer, sizeof buffer, error);
    got.assign(buffer, n);
    const auto started = Clock::now();
    n = co_await c.deadline.read_some(buffer, sizeof buffer, error);
    waited = Clock::now() - started;
    got.append(buffer, n);
  });
  CHECK(got == "readylater");
  CHECK(waited >= 40ms);
}

TEST_CASE("a read that waits past the deadline times out, and so does the next one at once",
          "[proxy][socket]") {
  Connection c;
  c.deadline.set(100ms);
  boost::system::error_code first;
  boost::system::error_code second;
  Clock::duration took{};
  c.run([&]() -> asio::awaitable<void> {
    char buffer[16];
    const auto started = Clock::now();
    co_await c.deadline.read_some(buffer, sizeof buffer, first);
    took = Clock::now() - started;
    co_await c.deadline.read_some(buffer, sizeof buffer, second);
  });
  CHECK(first == boost::beast::error::timeout);
  CHECK(second == boost::beast::error::timeout);
  CHECK(took >= 90ms);
  CHECK(took < 3s);
}

TEST_CASE("a shorter timeout cuts a wait already under way; a longer one extends it",
          "[proxy][socket]") {
  Connection c;
  c.deadline.set(10s);
  boost::system::error_code error;
  Clock::duration took{};
  asio::steady_timer shorten(c.io, 50ms);
  shorten.async_wait([&](boost::system::error_code) { c.deadline.set(50ms); });
  c.run([&]() -> asio::awaitable<void> {
    char buffer[16];
    const auto started = Clock::now();
    co_await c.deadline.read_some(buffer, sizeof buffer, error);
    took = Clock::now() - started;
  });
  CHECK(error == boost::beast::error::timeout);
  CHECK(took < 2s);

  c.deadline.set(50ms);
  c.deadline.set(300ms);  // moved later before the wait: the later one counts
  c.run([&]() -> asio::awaitable<void> {
    char buffer[16];
    const auto started = Clock::now();
    co_await c.deadline.read_some(buffer, sizeof buffer, error);
    took = Clock::now() - started;
  });
  CHECK(error == boost::beast::error::timeout);
  CHECK(took >= 280ms);
}

TEST_CASE("the peer's close is the end of the stream", "[proxy][socket]") {
  Connection c;
  c.deadline.set(5s);
  c.theirs.close();
  boost::system::error_code error;
  c.run([&]() -> asio::awaitable<void> {
    char buffer[16];
    co_await c.deadline.read_some(buffer, sizeof buffer, error);
  });
  CHECK(error == asio::error::eof);
}

TEST_CASE("a write larger than the socket's buffer waits for the peer to read, and arrives whole",
          "[proxy][socket]") {
  Connection c;
  c.deadline.set(10s);
  const std::string big(8 * 1024 * 1024, 'z');
  std::size_t received = 0;
  boost::system::error_code write_error;
  c.run([&]() -> asio::awaitable<void> {
    // The peer reads concurrently, on the same thread, so the writer must yield to it.
    asio::co_spawn(
        c.io,
        [&]() -> asio::awaitable<void> {
          char buffer[65536];
          for (;;) {
            boost::system::error_code error;
            const std::size_t n = co_await c.theirs.async_read_some(
                asio::buffer(buffer), asio::redirect_error(asio::use_awaitable, error));
            received += n;
            if (error || received == big.size()) co_return;
          }
        },
        asio::detached);
    co_await write_socket(c.ours, c.deadline, big.data(), big.size(), write_error);
  });
  CHECK_FALSE(write_error);
  CHECK(received == big.size());
}

TEST_CASE("a reader that never has to wait still lets other work on its thread run",
          "[proxy][socket]") {
  Connection c;
  c.deadline.set(5s);
  asio::write(c.theirs, asio::buffer(std::string(4096, 'r')));
  int reads = 0;
  int reads_when_other_ran = -1;
  c.run([&]() -> asio::awaitable<void> {
    // Queued behind the reader: without take_turn it would run only after all 100 reads.
    asio::post(c.io, [&] { reads_when_other_ran = reads; });
    for (; reads < 100; ++reads) {
      co_await c.deadline.take_turn();
      char byte = 0;
      boost::system::error_code error;
      co_await c.deadline.read_some(&byte, 1, error);
      REQUIRE_FALSE(error);
    }
  });
  CHECK(reads == 100);
  CHECK(reads_when_other_ran >= 0);
  CHECK(reads_when_other_ran <= 40);
}
