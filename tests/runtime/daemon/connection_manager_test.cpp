// The connection manager with real sessions on socket pairs: it counts them, forgets the ones
// that end, stops them all at once, and refuses late ones after that.
#include "runtime/daemon/connection_manager.hpp"

#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/connect_pair.hpp>
#include <boost/asio/read.hpp>

#include "runtime/daemon/session.hpp"

using namespace postern::daemon;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

struct Pair {
  Session::Socket server;
  Session::Socket client;
  explicit Pair(asio::io_context& io) : server(io), client(io) {
    asio::local::connect_pair(server, client);
  }
};

RuntimeFacts no_facts() {
  return {};
}

// Runs handlers until `done()` or a second passes.
template <class Predicate>
bool run_until(asio::io_context& io, Predicate done) {
  const auto deadline = std::chrono::steady_clock::now() + 1s;
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    io.restart();
    io.run_for(2ms);
  }
  return done();
}

// True when the peer of `client` has closed: a read ends with eof.
bool peer_closed(asio::io_context& io, Session::Socket& client) {
  bool closed = false;
  char byte;
  client.async_read_some(asio::buffer(&byte, 1),
                         [&](const boost::system::error_code& error, std::size_t) {
                           closed = error == asio::error::eof;
                         });
  return run_until(io, [&] { return closed; });
}

std::shared_ptr<Session> make_session(Pair& pair, ConnectionManager& manager,
                                      const RequestHandler& handler) {
  return std::make_shared<Session>(std::move(pair.server), manager, handler, SessionLimits{},
                                   nullptr, nullptr);
}

}  // namespace

TEST_CASE("sessions are counted while they live", "[daemon][manager]") {
  asio::io_context io;
  ConnectionManager manager;
  RequestHandler handler(no_facts);
  Pair a(io), b(io);
  manager.start(make_session(a, manager, handler));
  manager.start(make_session(b, manager, handler));
  CHECK(manager.count() == 2);
  a.client.close();  // the client leaves; its session notices and leaves the manager
  CHECK(run_until(io, [&] { return manager.count() == 1; }));
}

TEST_CASE("stop_all closes every session and refuses later ones", "[daemon][manager]") {
  asio::io_context io;
  ConnectionManager manager;
  RequestHandler handler(no_facts);
  Pair a(io), b(io), late(io);
  manager.start(make_session(a, manager, handler));
  manager.start(make_session(b, manager, handler));
  manager.stop_all();
  CHECK(manager.count() == 0);
  CHECK(peer_closed(io, a.client));
  CHECK(peer_closed(io, b.client));
  manager.start(make_session(late, manager, handler));
  CHECK(manager.count() == 0);
  CHECK(peer_closed(io, late.client));
}
