#include "runtime/proxy/head_serializer.hpp"

#include <catch2/catch.hpp>

#include "runtime/proxy/framing.hpp"
#include "runtime/proxy/head_parser.hpp"

using namespace postern::proxy;

TEST_CASE("a well-formed head serialises back to its own bytes", "[proxy][serialize]") {
  const std::string request_bytes =
      "GET http://example.com/x HTTP/1.1\r\nHost: example.com\r\nx-odd-CASE: 1\r\n"
      "Accept: */*\r\n\r\n";
  RequestParser requests;
  REQUIRE(requests.feed(request_bytes).status == ParseStatus::complete);
  CHECK(serialize(requests.head()) == request_bytes);

  const std::string response_bytes =
      "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\nset-cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n";
  ResponseParser responses;
  REQUIRE(responses.feed(response_bytes).status == ParseStatus::complete);
  CHECK(serialize(responses.head()) == response_bytes);
}

TEST_CASE("serialising normalises what a lenient parse let through", "[proxy][serialize]") {
  HeadLimits lenient;
  lenient.allow_bare_lf = true;
  ResponseParser responses(lenient);
  REQUIRE(responses.feed("HTTP/1.1 200\nServer:   spaced   \n\n").status == ParseStatus::complete);
  CHECK(serialize(responses.head()) == "HTTP/1.1 200 \r\nServer: spaced\r\n\r\n");
}

TEST_CASE("a control byte put in a value by code cannot split the head", "[proxy][serialize]") {
  HeaderFields fields;
  fields.add("X-Injected", "a\r\nEvil: 1");
  std::string out;
  append_fields(fields, out);
  CHECK(out == "X-Injected: a  Evil: 1\r\n");
}

TEST_CASE("the proxy's own responses", "[proxy][serialize]") {
  CHECK(reason_phrase(431) == "Request Header Fields Too Large");
  CHECK(reason_phrase(502) == "Bad Gateway");
  CHECK(reason_phrase(299) == "Unknown");
  const std::string bytes = simple_response(400, "bad request line\n");
  CHECK(bytes.starts_with("HTTP/1.1 400 Bad Request\r\n"));
  ResponseParser parser;
  auto step = parser.feed(bytes);
  REQUIRE(step.status == ParseStatus::complete);
  CHECK(parser.head().fields.get("Connection") == "close");
  auto framing = response_framing("GET", parser.head());
  REQUIRE(framing.ok());
  CHECK(framing.framing.length == 17);
  CHECK(bytes.substr(step.consumed) == "bad request line\n");
  CHECK(simple_response(200, "", false) ==
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 0\r\n\r\n");
}
