#include "runtime/proxy/tls_byte_stream.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <catch2/catch.hpp>

using namespace postern::proxy;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// A loopback TCP connection: the client end goes to a TlsByteStream, the server end is
// driven by hand (it never speaks TLS).
struct Loopback {
  asio::io_context io;
  tcp::acceptor acceptor{io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  tcp::socket server{io};
  std::optional<TlsByteStream> client;
  asio::ssl::context context{asio::ssl::context::tls_client};

  Loopback() {
    tcp::socket socket(io);
    socket.connect(acceptor.local_endpoint());
    acceptor.accept(server);
    client.emplace(std::move(socket), context);
  }

  // Runs the client's handshake to its end; returns the error and how long it took.
  std::pair<boost::system::error_code, Clock::duration> handshake() {
    boost::system::error_code error;
    const auto started = Clock::now();
    asio::co_spawn(
        io, [&]() -> asio::awaitable<void> { co_await client->connect(error); }, asio::detached);
    io.run();
    return {error, Clock::now() - started};
  }
};

}  // namespace

TEST_CASE("a peer that never answers the handshake times out at the deadline", "[proxy][tls]") {
  Loopback loop;
  loop.client->set_timeout(std::chrono::milliseconds(150));
  const auto [error, took] = loop.handshake();
  CHECK(error == boost::beast::error::timeout);
  CHECK(took >= std::chrono::milliseconds(140));
  CHECK(took < std::chrono::seconds(3));
}

TEST_CASE("a deadline moved later is the one that counts", "[proxy][tls]") {
  Loopback loop;
  loop.client->set_timeout(std::chrono::milliseconds(20));
  loop.client->set_timeout(std::chrono::milliseconds(400));
  const auto [error, took] = loop.handshake();
  CHECK(error == boost::beast::error::timeout);
  CHECK(took >= std::chrono::milliseconds(380));
}

TEST_CASE("a peer that closes mid-handshake is an error at once, not a wait", "[proxy][tls]") {
  Loopback loop;
  loop.client->set_timeout(std::chrono::seconds(20));
  loop.server.close();
  const auto [error, took] = loop.handshake();
  CHECK(error);
  CHECK(error != boost::beast::error::timeout);
  CHECK(took < std::chrono::seconds(5));
}

TEST_CASE("a peer that answers with plain HTTP fails the handshake with OpenSSL's reason",
          "[proxy][tls]") {
  Loopback loop;
  loop.client->set_timeout(std::chrono::seconds(20));
  const std::string answer = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
  asio::write(loop.server, asio::buffer(answer));
  const auto [error, took] = loop.handshake();
  CHECK(error.category() == asio::error::get_ssl_category());
  CHECK_FALSE(error.message().empty());
}
