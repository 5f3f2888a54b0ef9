#include "runtime/control/client/event_stream_decoder.hpp"

#include <catch2/catch.hpp>

#include "runtime/control/client/control_errc.hpp"

using namespace postern::control_client;

namespace {

std::string chunk(const std::string& data) {
  char size[16];
  std::snprintf(size, sizeof size, "%zx", data.size());
  return std::string(size) + "\r\n" + data + "\r\n";
}

const std::string kHead =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";

}  // namespace

TEST_CASE("a chunked event stream decodes however it is split", "[client][decoder]") {
  const std::string wire = kHead + chunk(": keep-alive\n\n") + chunk("event: session\ndata: {") +
                           chunk("}\n\nevent: exchange\ndata: 1\n\n");
  for (std::size_t piece : {1u, 5u, 64u, 4096u}) {
    EventStreamDecoder decoder;
    std::vector<SseEvent> events;
    for (std::size_t at = 0; at < wire.size(); at += piece)
      REQUIRE(decoder.feed(std::string_view(wire).substr(at, piece), events));
    CHECK(decoder.streaming());
    REQUIRE(events.size() == 2);
    CHECK(events[0].type == "session");
    CHECK(events[0].data == "{}");
    CHECK(events[1].type == "exchange");
    auto closed = decoder.finish();
    CHECK(closed.code == control_errc::connection_failed);
  }
}

TEST_CASE("the end of the stream says how it ended", "[client][decoder]") {
  std::vector<SseEvent> events;
  EventStreamDecoder ended;
  auto last = ended.feed(kHead + chunk("data: x\n\n") + "0\r\n\r\n", events);
  REQUIRE_FALSE(last);
  CHECK(last.error().message == "the runtime ended the event stream");
  CHECK(events.size() == 1);

  EventStreamDecoder cut;
  REQUIRE(cut.feed(kHead + chunk("data: x"), events));
  CHECK(cut.finish().message.find("in the middle of a line") != std::string::npos);

  EventStreamDecoder before;
  REQUIRE(before.feed("HTTP/1.1 200 OK\r\n", events));
  CHECK(before.finish().message.find("before its event stream began") != std::string::npos);
}

TEST_CASE("refusals and other answers are errors with their codes", "[client][decoder]") {
  std::vector<SseEvent> events;
  EventStreamDecoder refused;
  auto token = refused.feed(
      "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
      events);
  REQUIRE_FALSE(token);
  CHECK(token.error().code == control_errc::bad_token);

  EventStreamDecoder old_runtime;
  auto missing = old_runtime.feed("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", events);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == control_errc::bad_response);
  CHECK(missing.error().message.find("answered 404") != std::string::npos);

  EventStreamDecoder json;
  auto wrong_type = json.feed(
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}", events);
  REQUIRE_FALSE(wrong_type);
  CHECK(wrong_type.error().message.find("not text/event-stream") != std::string::npos);

  EventStreamDecoder garbage;
  auto not_http = garbage.feed("SSH-2.0-OpenSSH\r\n\r\n", events);
  REQUIRE_FALSE(not_http);
  CHECK(not_http.error().code == control_errc::bad_response);
  CHECK_FALSE(garbage.feed(kHead, events));  // failed for good
  CHECK(events.empty());

  EventStreamDecoder with_parameter;
  REQUIRE(with_parameter.feed(
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\r\ndata: x\n\n",
      events));
  CHECK(events.size() == 1);
}
