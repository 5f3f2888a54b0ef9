// ApiSession through ApiServer on a real loopback socket: see api_server_test.cpp. The
// session's own rules (limits, malformed requests, keep-alive) are tested here.
#include "runtime/control/api_session.hpp"

#include <catch2/catch.hpp>

#include "api_client.hpp"

using namespace postern::control;
using namespace postern::testing;

TEST_CASE("keep-alive: several requests on one connection", "[control][session]") {
  RunningApi api;
  RawHttp http(api.port());
  for (int i = 0; i < 3; ++i) {
    auto reply = http.exchange(api.request("GET", "/v1/echo"));
    CHECK(reply.find("HTTP/1.1 200") == 0);
  }
}

TEST_CASE("malformed, oversize and slow requests get an answer or a close, never a hang",
          "[control][session]") {
  RunningApi api;
  CHECK(RawHttp(api.port()).exchange("GARBAGE\r\n\r\n").find("HTTP/1.1 400") == 0);
  const std::string huge =
      "GET /v1/echo HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(api.port()) +
      "\r\nX-Big: " + std::string(20 * 1024, 'a') + "\r\n\r\n";
  CHECK(RawHttp(api.port()).exchange(huge).find("HTTP/1.1 431") == 0);
  const std::string big_body =
      "POST /v1/echo HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(api.port()) +
      "\r\nContent-Length: " + std::to_string(2 * 1024 * 1024) + "\r\n\r\n";
  CHECK(RawHttp(api.port()).exchange(big_body).find("HTTP/1.1 413") == 0);
}
