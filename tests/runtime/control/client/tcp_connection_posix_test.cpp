#include <catch2/catch.hpp>
#include <chrono>

#include "runtime/control/client/control_errc.hpp"
#include "runtime/control/client/tcp_connection.hpp"
#include "support/loopback_http_server.hpp"

using namespace postern;
using namespace std::chrono_literals;
using control_client::control_errc;
using control_client::TcpConnection;
using testing::LoopbackHttpServer;
using testing::LoopbackReply;

TEST_CASE("a connection sends a request and reads the answer until the peer closes",
          "[client][tcp]") {
  LoopbackHttpServer server("HTTP/1.1 204 No Content\r\n\r\n");
  auto connection = TcpConnection::connect("127.0.0.1", server.port(), 1s);
  REQUIRE(connection);
  REQUIRE(connection.value().send_all("GET / HTTP/1.1\r\nHost: x\r\n\r\n", 1s));
  std::string answer;
  for (;;) {
    auto bytes = connection.value().receive(4, 1s);  // small reads: several calls
    REQUIRE(bytes);
    if (bytes.value().empty()) break;
    answer += bytes.value();
  }
  CHECK(answer == "HTTP/1.1 204 No Content\r\n\r\n");
  CHECK(server.requests().at(0) == "GET / HTTP/1.1\r\nHost: x");
}

TEST_CASE("a moved connection keeps working and the old one is empty", "[client][tcp]") {
  LoopbackHttpServer server("HTTP/1.1 204 No Content\r\n\r\n");
  auto connection = TcpConnection::connect("127.0.0.1", server.port(), 1s);
  REQUIRE(connection);
  TcpConnection moved = std::move(connection).value();
  REQUIRE(moved.send_all("GET / HTTP/1.1\r\n\r\n", 1s));
  moved.shutdown_send();
  auto bytes = moved.receive(64, 1s);
  REQUIRE(bytes);
  CHECK(bytes.value().rfind("HTTP/1.1 204", 0) == 0);
}

TEST_CASE("a port nobody listens on is 'not running'", "[client][tcp]") {
  auto connection = TcpConnection::connect("127.0.0.1", LoopbackHttpServer::closed_port(), 1s);
  REQUIRE_FALSE(connection);
  CHECK(connection.error().code == control_errc::not_running);
  CHECK(connection.error().message.find("nothing listens on 127.0.0.1:") != std::string::npos);
}

TEST_CASE("a peer that never answers ends the wait at the timeout", "[client][tcp]") {
  LoopbackHttpServer server("", LoopbackReply::silent);
  auto connection = TcpConnection::connect("127.0.0.1", server.port(), 1s);
  REQUIRE(connection);
  REQUIRE(connection.value().send_all("GET / HTTP/1.1\r\n\r\n", 1s));
  const auto start = std::chrono::steady_clock::now();
  auto bytes = connection.value().receive(64, 150ms);
  REQUIRE_FALSE(bytes);
  CHECK(bytes.error().code == control_errc::timed_out);
  CHECK(std::chrono::steady_clock::now() - start < 2s);
}

TEST_CASE("only numeric IPv4 addresses are taken", "[client][tcp]") {
  auto connection = TcpConnection::connect("localhost", 80, 1s);
  REQUIRE_FALSE(connection);
  CHECK(connection.error().code == control_errc::connection_failed);
}
