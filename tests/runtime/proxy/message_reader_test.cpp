#include "runtime/proxy/message_reader.hpp"

#include <catch2/catch.hpp>

#include "runtime/proxy/transcript.hpp"

using namespace postern::proxy;
using postern::proxy::test::read_split;
using postern::proxy::test::read_stream;
using postern::proxy::test::summary;
using Kind = MessageEvent::Kind;

namespace {

const std::string kBrowserGet =
    "GET http://example.com/index.html?q=1 HTTP/1.1\r\n"
    "Host: example.com\r\n"
    "user-agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
    "Proxy-Connection: keep-alive\r\n"
    "\r\n";

const std::string kConnect =
    "CONNECT [2001:db8::1]:443 HTTP/1.1\r\n"
    "Host: [2001:db8::1]:443\r\n"
    "\r\n";

const std::string kResponse =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/plain\r\n"
    "Content-Length: 5\r\n"
    "\r\n";

// The kinds of every event for `input`, fed at once, until need_more, paused or error.
std::vector<Kind> kinds(MessageReader& reader, std::string_view input) {
  std::vector<Kind> out;
  for (;;) {
    MessageEvent event = reader.next(input);
    input.remove_prefix(event.consumed);
    out.push_back(event.kind);
    if (event.kind == Kind::need_more || event.kind == Kind::paused || event.kind == Kind::error)
      return out;
  }
}

}  // namespace

TEST_CASE("a request is head, data, end", "[proxy][reader]") {
  MessageReader reader(Side::request);
  const std::string input = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi";
  MessageEvent event = reader.next(input);
  REQUIRE(event.kind == Kind::head);
  CHECK(event.consumed == input.size() - 2);
  CHECK(reader.request().target.text == "/a");
  CHECK(reader.framing() == BodyFraming{BodyKind::content_length, 2});
  REQUIRE(reader.body() != nullptr);
  event = reader.next(std::string_view(input).substr(event.consumed));
  REQUIRE(event.kind == Kind::data);
  CHECK(event.data == "hi");
  event = reader.next("");
  CHECK(event.kind == Kind::end);
  CHECK(reader.body() == nullptr);
  CHECK(reader.next("").kind == Kind::need_more);
  CHECK(reader.finish().kind == Kind::closed);
}

TEST_CASE("CONNECT pauses the reader until the session decides", "[proxy][reader]") {
  MessageReader reader(Side::request);
  const std::string tls = "\x16\x03\x01\x02\x00";
  CHECK(kinds(reader, kConnect + tls) == std::vector{Kind::head, Kind::end, Kind::paused});
  CHECK(reader.next(tls).consumed == 0);  // the tunnel's bytes are not HTTP's
  CHECK(reader.finish().kind == Kind::closed);
  // Refused (say 407): the session resumes and HTTP goes on.
  MessageReader refused(Side::request);
  kinds(refused, kConnect);
  refused.resume();
  CHECK(kinds(refused, "GET / HTTP/1.1\r\nHost: h\r\n\r\n") ==
        std::vector{Kind::head, Kind::end, Kind::need_more});
}

TEST_CASE("an Upgrade request pauses too; a 101 pauses the response side", "[proxy][reader]") {
  MessageReader requests(Side::request);
  CHECK(kinds(requests,
              "GET /chat HTTP/1.1\r\nHost: h\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
            .back() == Kind::paused);
  MessageReader responses(Side::response);
  responses.expect_response_to("GET");
  CHECK(kinds(responses,
              "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
              "Connection: Upgrade\r\n\r\n\x81\x05hello") ==
        std::vector{Kind::head, Kind::end, Kind::paused});
  MessageReader tunnel(Side::response);
  tunnel.expect_response_to("CONNECT");
  CHECK(kinds(tunnel, "HTTP/1.1 200 Connection established\r\n\r\n").back() == Kind::paused);
  MessageReader denied(Side::response);
  denied.expect_response_to("CONNECT");
  CHECK(kinds(denied, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n")
            .back() == Kind::need_more);
}

TEST_CASE("responses follow the queued methods; 1xx keep their place", "[proxy][reader]") {
  MessageReader reader(Side::response);
  reader.expect_response_to("HEAD");
  reader.expect_response_to("POST");
  CHECK(kinds(reader,
              "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"
              "HTTP/1.1 100 Continue\r\n\r\n"
              "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok") ==
        std::vector{Kind::head, Kind::end, Kind::head, Kind::end, Kind::head, Kind::data, Kind::end,
                    Kind::need_more});
  CHECK(reader.response().status == 201);
}

TEST_CASE("until-close responses end at finish; errors are sticky", "[proxy][reader]") {
  MessageReader reader(Side::response);
  reader.expect_response_to("GET");
  CHECK(kinds(reader, "HTTP/1.0 200 OK\r\n\r\nbody") ==
        std::vector{Kind::head, Kind::data, Kind::need_more});
  CHECK(reader.finish().kind == Kind::end);

  MessageReader unanswered(Side::response);
  unanswered.expect_response_to("GET");
  MessageEvent closed = unanswered.finish();
  CHECK(closed.kind == Kind::error);
  CHECK(closed.error.code == errc::truncated_message);
  CHECK(closed.error.status == 502);
  MessageReader idle(Side::response);
  CHECK(idle.finish().kind == Kind::closed);

  MessageReader broken(Side::request);
  MessageEvent event = broken.next("GET / HTTP/1.1\r\nContent-Length: x\r\nHost: h\r\n\r\n");
  REQUIRE(event.kind == Kind::error);
  CHECK(event.error.code == errc::bad_content_length);
  CHECK(event.error.status == 400);
  CHECK(broken.next("GET / HTTP/1.1\r\n").kind == Kind::error);
  CHECK(broken.finish().kind == Kind::error);
}

TEST_CASE("every split point gives the same transcript", "[proxy][reader]") {
  const std::string requests = kBrowserGet + kConnect + "tunnel bytes";
  const std::string one_shot = summary(read_stream(Side::request, requests, 0));
  CHECK(one_shot.find("[tunnel:1][rest:tunnel bytes]") != std::string::npos);
  for (std::size_t split = 0; split <= requests.size(); ++split)
    REQUIRE(summary(read_split(Side::request, requests, split)) == one_shot);

  const std::string responses = "HTTP/1.1 100 Continue\r\n\r\n" + kResponse + "hello";
  const std::string expected = summary(read_stream(Side::response, responses, 0, {"POST"}));
  CHECK(expected.find("|body:hello|") != std::string::npos);
  for (std::size_t split = 0; split <= responses.size(); ++split)
    REQUIRE(summary(read_split(Side::response, responses, split, {"POST"})) == expected);
}

TEST_CASE("pipelined requests come out one by one, bodies between them", "[proxy][reader]") {
  const std::string stream =
      "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
      "GET /b HTTP/1.1\r\nHost: h\r\n\r\n"
      "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n"
      "HEAD /d HTTP/1.0\r\n\r\n";
  for (std::size_t piece : {0, 1, 2, 7}) {
    auto t = read_stream(Side::request, stream, piece);
    REQUIRE_FALSE(t.error);
    REQUIRE(t.messages.size() == 4);
    CHECK(t.messages[0].body == "abc");
    CHECK(t.messages[1].request.target.text == "/b");
    CHECK(t.messages[1].framing.kind == BodyKind::none);
    CHECK(t.messages[2].body == "xy");
    CHECK(t.messages[2].wire.ends_with("2\r\nxy\r\n0\r\n\r\n"));
    CHECK(t.messages[3].request.method == "HEAD");
    CHECK(t.rest.empty());
  }
}

TEST_CASE("a connection closed inside a head is a truncated message", "[proxy][reader]") {
  auto t = read_stream(Side::request, "GET / HTTP/1.1\r\nHost: a\r\n", 0);
  REQUIRE(t.error);
  CHECK(t.error->code == errc::truncated_message);
  auto clean = read_stream(Side::request, "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 0);
  CHECK_FALSE(clean.error);
  CHECK(clean.messages.size() == 1);
}
TEST_CASE("100-continue, then the body, then the next request", "[proxy][reader]") {
  const std::string requests =
      "PUT /upload HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"
      "data"
      "POST /form HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
      "4;ext\r\nab=c\r\n0\r\nX-Sum: 9\r\n\r\n";
  const auto t = read_stream(Side::request, requests, 0);
  REQUIRE(t.messages.size() == 2);
  CHECK(t.messages[0].body == "data");
  CHECK(t.messages[1].body == "ab=c");
  CHECK(t.messages[1].trailers.get("x-sum") == "9");
  CHECK(t.messages[0].wire + t.messages[1].wire == requests);
  const std::string expected = summary(t);
  for (std::size_t split = 0; split <= requests.size(); ++split)
    REQUIRE(summary(read_split(Side::request, requests, split)) == expected);
}

TEST_CASE("responses to HEAD, 204 and 304 carry no body", "[proxy][reader]") {
  const std::string responses =
      "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"  // to HEAD: no body follows
      "HTTP/1.1 204 No Content\r\n\r\n"
      "HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\n\r\n"
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n"
      "HTTP/1.0 200 OK\r\n\r\nuntil the end";
  const std::vector<std::string> methods = {"HEAD", "GET", "GET", "GET", "GET"};
  for (std::size_t piece : {0, 1, 3}) {
    const auto t = read_stream(Side::response, responses, piece, methods);
    REQUIRE_FALSE(t.error);
    REQUIRE(t.messages.size() == 5);
    CHECK(t.messages[0].body.empty());
    CHECK(t.messages[1].framing.kind == BodyKind::none);
    CHECK(t.messages[2].body.empty());
    CHECK(t.messages[3].body == "z");
    CHECK(t.messages[4].framing.kind == BodyKind::until_close);
    CHECK(t.messages[4].body == "until the end");
  }
}

TEST_CASE("smuggling attempts stop the stream", "[proxy][reader][smuggling]") {
  // CL.TE: a front end reading Content-Length would pass "G..." on as a second request.
  auto t = read_stream(Side::request,
                       "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 6\r\n"
                       "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nG",
                       0);
  REQUIRE(t.error);
  CHECK(t.error->code == errc::conflicting_framing);
  CHECK(t.messages.empty());
  // TE obfuscated with whitespace before the colon.
  t = read_stream(Side::request,
                  "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding : chunked\r\n"
                  "Content-Length: 4\r\n\r\n1\r\nZ\r\n0\r\n\r\n",
                  0);
  REQUIRE(t.error);
  CHECK(t.error->code == errc::whitespace_before_colon);
  // A chunk-size line ended by a bare LF.
  t = read_stream(Side::request,
                  "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                  "2\nxx\r\n0\r\n\r\n",
                  0);
  REQUIRE(t.error);
  CHECK(t.error->code == errc::bad_line_ending);
  CHECK(t.error->status == 400);
}
