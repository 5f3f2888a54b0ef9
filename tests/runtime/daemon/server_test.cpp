// The server as a whole: start, stop from outside (what main does on SIGTERM), stop from a cli
// client's shutdown, and the facts replies carry.
#include "runtime/daemon/server.hpp"

#include <catch2/catch.hpp>

#include "running_server.hpp"
#include "socket_client.hpp"

using namespace postern;
using namespace postern::testing;
using namespace std::chrono_literals;

TEST_CASE("stop() closes every client, ends run(), and calls on_stop once", "[daemon][server]") {
  RunningServer running;
  REQUIRE(running.started());
  SocketClient a(running.socket_file()), b(running.socket_file());
  a.hello();
  b.hello("bridge");
  running.server().stop();
  running.server().stop();
  CHECK(a.closed());
  CHECK(b.closed());
  CHECK(wait_until([&] { return running.finished(); }));
  CHECK(running.stops() == 1);
  SocketClient late(running.socket_file());
  CHECK_FALSE(late.connected());  // nothing accepts any more (the file is InstanceLock's)
}

TEST_CASE("a cli client's shutdown is acknowledged, then everything stops", "[daemon][server]") {
  RunningServer running;
  SocketClient bystander(running.socket_file());
  bystander.hello("bridge");
  SocketClient cli(running.socket_file());
  cli.hello("cli");
  cli.send({{"type", "shutdown"}, {"id", "bye"}});
  auto ack = cli.reply();
  REQUIRE(ack.has_value());
  CHECK((*ack)["type"] == "shutdown_ack");
  CHECK((*ack)["id"] == "bye");
  CHECK(cli.closed());
  CHECK(bystander.closed());
  CHECK(wait_until([&] { return running.finished(); }));
  CHECK(running.log().find("a cli client asked") != std::string::npos);
}

TEST_CASE("a bridge client cannot stop the runtime", "[daemon][server]") {
  RunningServer running;
  SocketClient bridge(running.socket_file());
  bridge.hello("bridge");
  bridge.send({{"type", "shutdown"}});
  CHECK(bridge.reply().value()["code"] == "REQUEST_NOT_ALLOWED");
  std::this_thread::sleep_for(20ms);
  CHECK_FALSE(running.finished());
  bridge.send({{"type", "status.get"}});
  CHECK(bridge.reply().value()["type"] == "status");
}

TEST_CASE("facts: this pid, a start time, uptime and the client count", "[daemon][server]") {
  RunningServer running;
  SocketClient client(running.socket_file());
  client.hello();
  CHECK(wait_until([&] { return running.server().clients() == 1; }));
  daemon::RuntimeFacts facts = running.server().facts();
  CHECK(facts.pid == static_cast<long>(::getpid()));
  CHECK(facts.started_at.size() == 20);  // 2024-05-01T12:00:00Z
  CHECK(facts.started_at.back() == 'Z');
  CHECK(facts.uptime_s >= 0);
  CHECK(facts.clients == 1);
}

TEST_CASE("start() fails with the path when the folder is missing", "[daemon][server]") {
  boost::asio::io_context io;
  TempDir dir;
  daemon::Server server(io, dir / "missing/postern.sock", {}, nullptr);
  auto started = server.start();
  REQUIRE_FALSE(started.has_value());
  CHECK(started.error().message.find("missing/postern.sock") != std::string::npos);
}
