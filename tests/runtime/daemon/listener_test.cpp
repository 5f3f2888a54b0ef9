// The listener: it binds with mode 0600, refuses peers of another user before reading anything,
// and answers RUNTIME_BUSY beyond the client cap.
#include "runtime/daemon/listener.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "running_server.hpp"
#include "socket_client.hpp"

using namespace postern;
using namespace postern::testing;
using namespace std::chrono_literals;

TEST_CASE("the socket file is owner-only", "[daemon][listener]") {
  RunningServer running;
  REQUIRE(running.started());
  struct stat info {};
  REQUIRE(::lstat(running.socket_file().c_str(), &info) == 0);
  CHECK(S_ISSOCK(info.st_mode));
  CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("a peer of another user is closed without an answer", "[daemon][listener]") {
  // The test cannot become another user, so the server is told to admit only someone else.
  RunningServer running({}, static_cast<unsigned long>(::geteuid()) + 1);
  SocketClient client(running.socket_file());
  REQUIRE(client.connected());
  client.send({{"type", "hello"}, {"client", "cli"}, {"protocol", 1}});
  CHECK_FALSE(client.reply(1s).has_value());
  CHECK(client.closed());
  CHECK(running.log().find("refused a connection from user id " + std::to_string(::geteuid())) !=
        std::string::npos);
  CHECK(running.server().clients() == 0);
}

TEST_CASE("beyond the client cap a connection gets RUNTIME_BUSY", "[daemon][listener]") {
  daemon::ServerLimits limits;
  limits.max_clients = 2;
  RunningServer running(limits);
  auto first = std::make_unique<SocketClient>(running.socket_file());
  SocketClient second(running.socket_file());
  REQUIRE(first->hello()["type"] == "hello_ack");
  REQUIRE(second.hello()["type"] == "hello_ack");
  SocketClient third(running.socket_file());
  auto busy = third.reply();
  REQUIRE(busy.has_value());
  CHECK((*busy)["code"] == "RUNTIME_BUSY");
  CHECK(third.closed());
  first.reset();  // a place frees up
  CHECK(wait_until([&] { return running.server().clients() == 1; }));
  SocketClient fourth(running.socket_file());
  CHECK(fourth.hello()["type"] == "hello_ack");
}

TEST_CASE("open() names the file when it cannot listen", "[daemon][listener]") {
  boost::asio::io_context io;
  daemon::ConnectionManager manager;
  daemon::RequestHandler handler([] { return daemon::RuntimeFacts{}; });
  TempDir dir;
  SECTION("a path longer than sun_path") {
    const auto file = dir.path() / std::string(120, 'x') / "postern.sock";
    auto listener = std::make_shared<daemon::Listener>(
        io, file, manager, handler, daemon::ServerLimits{}, ::geteuid(), nullptr, nullptr);
    auto opened = listener->open();
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error().message.find("longer than a socket path") != std::string::npos);
  }
  SECTION("a file already at the path (InstanceLock removes stale ones first)") {
    const auto file = dir / "postern.sock";
    std::ofstream(file) << "occupied";
    auto listener = std::make_shared<daemon::Listener>(
        io, file, manager, handler, daemon::ServerLimits{}, ::geteuid(), nullptr, nullptr);
    auto opened = listener->open();
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error().message.find(file.string()) != std::string::npos);
  }
  SECTION("a folder that does not exist") {
    const auto file = dir / "missing/postern.sock";
    auto listener = std::make_shared<daemon::Listener>(
        io, file, manager, handler, daemon::ServerLimits{}, ::geteuid(), nullptr, nullptr);
    CHECK_FALSE(listener->open().has_value());
  }
}
