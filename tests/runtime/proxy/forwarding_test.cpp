#include "runtime/proxy/forwarding.hpp"

#include <catch2/catch.hpp>

#include "runtime/proxy/head_parser.hpp"
#include "runtime/proxy/head_serializer.hpp"

using namespace postern::proxy;

namespace {

RequestHead request(std::string_view bytes) {
  RequestParser parser;
  REQUIRE(parser.feed(bytes).status == ParseStatus::complete);
  return parser.take_head();
}

ResponseHead response(std::string_view bytes) {
  ResponseParser parser;
  REQUIRE(parser.feed(bytes).status == ParseStatus::complete);
  return parser.take_head();
}

}  // namespace

TEST_CASE("absolute-form becomes origin-form with Host from the target", "[proxy][forward]") {
  const RequestHead client = request(
      "POST http://API.example.com:8080/v1/items?page=2 HTTP/1.1\r\n"
      "host: wrong.example\r\n"
      "Proxy-Connection: keep-alive\r\n"
      "Proxy-Authorization: Basic dXNlcjpwYXNz\r\n"
      "Content-Type: application/json\r\n"
      "Content-Length: 2\r\n"
      "\r\n");
  CHECK(serialize(upstream_request(client)) ==
        "POST /v1/items?page=2 HTTP/1.1\r\n"
        "host: API.example.com:8080\r\n"
        "Content-Type: application/json\r\n"
        "Content-Length: 2\r\n"
        "\r\n");
}

TEST_CASE("a missing Host is added first; IPv6 authorities keep brackets", "[proxy][forward]") {
  const RequestHead client = request("GET http://[::1]:8080 HTTP/1.0\r\nAccept: */*\r\n\r\n");
  const RequestHead upstream = upstream_request(client);
  CHECK(upstream.target.form == TargetForm::origin);
  CHECK(upstream.target.text == "/");
  CHECK(upstream.raw.empty());
  CHECK(serialize(upstream) == "GET / HTTP/1.0\r\nHost: [::1]:8080\r\nAccept: */*\r\n\r\n");
}

TEST_CASE("origin-form requests keep their Host", "[proxy][forward]") {
  const RequestHead client =
      request("GET /in/tunnel HTTP/1.1\r\nHost: a.test\r\nTE: trailers\r\n\r\n");
  CHECK(serialize(upstream_request(client)) == "GET /in/tunnel HTTP/1.1\r\nHost: a.test\r\n\r\n");
}

TEST_CASE("hop-by-hop fields go; framing fields stay even when Connection names them",
          "[proxy][forward]") {
  const RequestHead client = request(
      "POST /x HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, X-Hop, Content-Length\r\n"
      "Keep-Alive: timeout=5\r\nX-Hop: 1\r\nX-End: 2\r\nContent-Length: 3\r\n"
      "Upgrade: websocket\r\n\r\n");
  const RequestHead upstream = upstream_request(client);
  CHECK(serialize(upstream) ==
        "POST /x HTTP/1.1\r\nHost: h\r\nX-End: 2\r\nContent-Length: 3\r\n\r\n");
}

TEST_CASE("the proxy states its own connection wishes", "[proxy][forward]") {
  const RequestHead client = request("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  CHECK(upstream_request(client, {.close = true}).fields.get("Connection") == "close");
  CHECK(upstream_request(client, {.announce_keep_alive = true}).fields.get("Connection") ==
        "keep-alive");
  CHECK_FALSE(upstream_request(client).fields.contains("Connection"));
}

TEST_CASE("WebSocket upgrades pass through when asked", "[proxy][forward]") {
  const RequestHead client = request(
      "GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n");
  CHECK(serialize(upstream_request(client, {.keep_upgrade = true})) ==
        "GET /chat HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
        "Connection: upgrade\r\n\r\n");
  CHECK_FALSE(upstream_request(client).fields.contains("Upgrade"));

  const ResponseHead switching = response(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
  CHECK(serialize(downstream_response(switching, {.keep_upgrade = true})) ==
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nConnection: upgrade\r\n\r\n");
}

TEST_CASE("responses lose hop-by-hop fields and keep their framing", "[proxy][forward]") {
  const ResponseHead upstream = response(
      "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5, max=100\r\n"
      "Transfer-Encoding: chunked\r\nUpgrade: h2c\r\nProxy-Authenticate: Basic\r\n\r\n");
  const ResponseHead client = downstream_response(upstream, {.keep_upgrade = true, .close = true});
  CHECK(serialize(client) ==
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nProxy-Authenticate: Basic\r\n"
        "Connection: close\r\n\r\n");
  CHECK(client.raw.empty());
}
