// Sessions over a real Unix socket, in-process (daemon::Server on a thread): the conversation,
// damaged input that must never crash or stall the runtime, timeouts and back-pressure.
#include "runtime/daemon/session.hpp"

#include <catch2/catch.hpp>
#include <cstring>

#include "running_server.hpp"
#include "socket_client.hpp"

using namespace postern;
using namespace postern::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::string header(std::uint32_t length) {
  std::string bytes(4, '\0');
  std::memcpy(bytes.data(), &length, 4);
  return bytes;
}

std::string frame(const std::string& text) {
  return header(static_cast<std::uint32_t>(text.size())) + text;
}

}  // namespace

TEST_CASE("hello, status.get and runtime.relay over the socket", "[daemon][session]") {
  RunningServer running;
  REQUIRE(running.started());
  SocketClient client(running.socket_file());
  REQUIRE(client.connected());
  json ack = client.hello("bridge");
  CHECK(ack["type"] == "hello_ack");
  CHECK(ack["pid"] == static_cast<long>(::getpid()));
  client.send({{"type", "status.get"}, {"id", 1}});
  json status = client.reply().value();
  CHECK(status["type"] == "status");
  CHECK(status["clients"] == 1);
  client.send({{"type", "runtime.relay"}, {"id", "r1"}, {"payload", {{"hello", "runtime"}}}});
  json relayed = client.reply().value();
  CHECK(relayed["type"] == "relay_ack");
  CHECK(relayed["id"] == "r1");
}

TEST_CASE("two clients are counted, and a client that leaves is not", "[daemon][session]") {
  RunningServer running;
  SocketClient first(running.socket_file());
  first.hello();
  {
    SocketClient second(running.socket_file());
    second.hello("bridge");
    second.send({{"type", "status.get"}});
    CHECK(second.reply().value()["clients"] == 2);
  }
  CHECK(wait_until([&] { return running.server().clients() == 1; }));
  first.send({{"type", "status.get"}});
  CHECK(first.reply().value()["clients"] == 1);
}

TEST_CASE("malformed frames get error frames and the session goes on", "[daemon][session]") {
  RunningServer running;
  SocketClient client(running.socket_file());
  client.send_raw(frame("{not json"));
  CHECK(client.reply().value()["code"] == "FRAME_INVALID");
  client.send_raw(frame("\xC0\xAF"));  // overlong UTF-8
  CHECK(client.reply().value()["code"] == "FRAME_INVALID");
  client.send_raw(frame(""));
  CHECK(client.reply().value()["code"] == "FRAME_INVALID");
  client.send_raw(
      frame("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1"
            "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"));
  CHECK(client.reply().value()["code"] == "FRAME_INVALID");
  client.send_raw(frame("42"));
  CHECK(client.reply().value()["code"] == "MESSAGE_INVALID");
  CHECK(client.hello()["type"] == "hello_ack");
}

TEST_CASE("frames split at every byte are put back together", "[daemon][session]") {
  RunningServer running;
  SocketClient client(running.socket_file());
  const std::string bytes = frame(R"({"type":"hello","client":"cli","protocol":1})");
  for (char byte : bytes) {
    REQUIRE(client.send_raw(std::string(1, byte)));
    std::this_thread::sleep_for(100us);
  }
  CHECK(client.reply().value()["type"] == "hello_ack");
}

TEST_CASE("an oversize length is refused from the header and the session closes",
          "[daemon][session]") {
  daemon::ServerLimits limits;
  limits.session.max_frame = 1024;
  RunningServer running(limits);
  SocketClient client(running.socket_file());
  client.send_raw(header(4096));  // no body: the header alone must be enough to refuse
  json error = client.reply().value();
  CHECK(error["code"] == "FRAME_TOO_LARGE");
  CHECK(client.closed());
  CHECK(wait_until([&] { return running.server().clients() == 0; }));
  SocketClient next(running.socket_file());
  CHECK(next.hello()["type"] == "hello_ack");  // the runtime itself is unharmed
}

TEST_CASE("a client that never says hello is closed after the hello timeout", "[daemon][session]") {
  daemon::ServerLimits limits;
  limits.session.hello_timeout = 100ms;
  RunningServer running(limits);
  SocketClient client(running.socket_file());
  const auto start = std::chrono::steady_clock::now();
  CHECK(client.closed(3s));
  CHECK(std::chrono::steady_clock::now() - start >= 90ms);
  CHECK(running.log().find("no hello in time") != std::string::npos);
}

TEST_CASE("a silent client is closed after the idle timeout, an active one is not",
          "[daemon][session]") {
  daemon::ServerLimits limits;
  limits.session.idle_timeout = 300ms;
  RunningServer running(limits);
  SocketClient active(running.socket_file());
  SocketClient silent(running.socket_file());
  active.hello();
  silent.hello();
  for (int i = 0; i < 6; ++i) {  // 600 ms of traffic, every 100 ms
    std::this_thread::sleep_for(100ms);
    active.send({{"type", "status.get"}});
    REQUIRE(active.reply().has_value());
  }
  CHECK(silent.closed(100ms));
  active.send({{"type", "status.get"}});
  CHECK(active.reply().has_value());
  CHECK(running.log().find("idle for too long") != std::string::npos);
}

TEST_CASE("many pipelined requests are all answered, in order, under back-pressure",
          "[daemon][session]") {
  daemon::ServerLimits limits;
  limits.session.max_queued_frames = 4;
  RunningServer running(limits);
  SocketClient client(running.socket_file());
  client.hello();
  std::string burst;
  constexpr int kRequests = 2000;
  for (int i = 0; i < kRequests; ++i)
    burst += frame(json{{"type", "runtime.relay"}, {"id", i}, {"payload", {}}}.dump());
  // Written from another thread: the answers fill our receive buffer while we still write.
  std::thread writer([&] { client.send_raw(burst); });
  int next = 0;
  while (next < kRequests) {
    auto reply = client.reply();
    if (!reply) break;
    if ((*reply)["id"] != next) break;
    ++next;
  }
  writer.join();
  CHECK(next == kRequests);
}

TEST_CASE("a client leaving mid-frame is logged, and the runtime goes on", "[daemon][session]") {
  RunningServer running;
  {
    SocketClient client(running.socket_file());
    client.send_raw(header(100) + "{\"type\"");
    std::this_thread::sleep_for(20ms);
  }
  CHECK(wait_until([&] { return running.log().find("mid-frame") != std::string::npos; }));
  SocketClient next(running.socket_file());
  CHECK(next.hello()["type"] == "hello_ack");
}
