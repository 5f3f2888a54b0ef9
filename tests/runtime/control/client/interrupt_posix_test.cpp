#include "runtime/control/client/interrupt.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "runtime/control/client/control_errc.hpp"
#include "runtime/control/client/tcp_connection.hpp"
#include "support/loopback_http_server.hpp"

using namespace postern;
using namespace postern::control_client;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST_CASE("an interrupt ends a wait at once, and every later one", "[client][interrupt]") {
  Interrupt interrupt;
  CHECK_FALSE(interrupt.fired());
  CHECK_FALSE(interrupt.wait_for(10ms));
  std::thread firer([&] {
    std::this_thread::sleep_for(50ms);
    interrupt.fire();
  });
  const auto start = Clock::now();
  CHECK(interrupt.wait_for(10s));
  CHECK(Clock::now() - start < 5s);
  firer.join();
  interrupt.fire();  // twice is harmless
  CHECK(interrupt.fired());
  CHECK(interrupt.wait_for(10s));
}

TEST_CASE("a connection waiting for a silent peer is cancelled by its interrupt",
          "[client][interrupt]") {
  testing::LoopbackHttpServer server("", testing::LoopbackReply::silent);
  Interrupt interrupt;
  auto connection = TcpConnection::connect("127.0.0.1", server.port(), 1s, &interrupt);
  REQUIRE(connection);
  REQUIRE(connection.value().send_all("GET / HTTP/1.1\r\n\r\n", 1s));
  std::thread firer([&] {
    std::this_thread::sleep_for(50ms);
    interrupt.fire();
  });
  const auto start = Clock::now();
  auto bytes = connection.value().receive(64, 30s);
  firer.join();
  REQUIRE_FALSE(bytes);
  CHECK(bytes.error().code == control_errc::cancelled);
  CHECK(Clock::now() - start < 5s);
  // Fired before the call: no wait at all.
  CHECK(connection.value().receive(64, 30s).error().code == control_errc::cancelled);
}
