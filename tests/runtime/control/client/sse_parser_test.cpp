#include "runtime/control/client/sse_parser.hpp"

#include <catch2/catch.hpp>

#include "runtime/control/client/control_errc.hpp"

using namespace postern::control_client;
using namespace std::chrono_literals;

namespace {

// Feeds `text` in pieces of `piece` bytes; the events, and whether every feed was accepted.
std::vector<SseEvent> parse(std::string_view text, std::size_t piece, SseParser& parser) {
  std::vector<SseEvent> events;
  for (std::size_t at = 0; at < text.size(); at += piece)
    REQUIRE(parser.feed(text.substr(at, piece), events));
  return events;
}

std::vector<SseEvent> parse(std::string_view text, std::size_t piece = 1 << 20) {
  SseParser parser;
  auto events = parse(text, piece, parser);
  CHECK(parser.finish());
  return events;
}

}  // namespace

TEST_CASE("events come out whole however the bytes are split", "[client][sse]") {
  const std::string stream =
      ": keep-alive\n\nevent: exchange\ndata: {\"id\":1}\n\nevent: session\r\ndata: {}\r\n\r\n"
      "data: a\rdata: b\r\r";
  for (std::size_t piece : {1u, 2u, 3u, 7u, 1000u}) {
    SseParser parser;
    const auto events = parse(stream, piece, parser);
    CHECK(parser.finish());
    REQUIRE(events.size() == 3);
    CHECK(events[0].type == "exchange");
    CHECK(events[0].data == "{\"id\":1}");
    CHECK(events[1].type == "session");
    CHECK(events[1].data == "{}");
    CHECK(events[2].type == "message");
    CHECK(events[2].data == "a\nb");
    CHECK(parser.comments() == 1);
  }
}

TEST_CASE("the standard's field rules", "[client][sse]") {
  // One leading space is stripped, not two; a line without a colon is a field with no value;
  // unknown fields are ignored; an event without data is not dispatched; ids carry over.
  const auto events = parse("data:  two\n\nevent: ignored\n\nid: 7\nfoo: bar\ndata\n\ndata:x\n\n");
  REQUIRE(events.size() == 3);
  CHECK(events[0].data == " two");
  CHECK(events[0].id.empty());
  CHECK(events[1].data.empty());
  CHECK(events[1].type == "message");
  CHECK(events[1].id == "7");
  CHECK(events[2].data == "x");
  CHECK(events[2].id == "7");
}

TEST_CASE("a byte-order mark opens the stream and is dropped, even split", "[client][sse]") {
  CHECK(parse("\xEF\xBB\xBF"
              "data: x\n\n",
              1)
            .at(0)
            .data == "x");
  CHECK(parse("\xEF\xBB"
              "data: x\n\n")
            .empty());  // half a mark: the line's field is garbage
  // A mark later on is data like any bytes.
  CHECK(parse("data: x\n\n\xEF\xBB\xBF"
              "data: y\n\n")
            .size() == 1);
}

TEST_CASE("retry takes digits only", "[client][sse]") {
  SseParser parser;
  parse("retry: 1500\n\n", 1000, parser);
  CHECK(parser.retry() == 1500ms);
  parse("retry: 15s\n\nretry: 99999999999\n\n", 1000, parser);
  CHECK(parser.retry() == 1500ms);
}

TEST_CASE("a stream cut inside a line or an event is reported at its end", "[client][sse]") {
  std::vector<SseEvent> events;
  SseParser in_line;
  REQUIRE(in_line.feed("data: {\"id\"", events));
  auto cut = in_line.finish();
  REQUIRE_FALSE(cut);
  CHECK(cut.error().code == control_errc::bad_response);
  CHECK(cut.error().message.find("in the middle of a line") != std::string::npos);

  SseParser in_event;
  REQUIRE(in_event.feed("event: exchange\ndata: {}\n", events));
  CHECK(in_event.finish().error().message.find("in the middle of an event") != std::string::npos);
  CHECK(events.empty());
}

TEST_CASE("lines and data past the limits fail the parser", "[client][sse]") {
  std::vector<SseEvent> events;
  SseParser lines(SseLimits{16, 64});
  auto long_line = lines.feed("data: " + std::string(11, 'x'), events);
  REQUIRE_FALSE(long_line);
  CHECK(long_line.error().message.find("a line is longer than 16 bytes") != std::string::npos);
  CHECK(lines.failed());
  CHECK_FALSE(lines.feed("\n\n", events));  // failed for good

  SseParser data(SseLimits{16, 20});
  REQUIRE(data.feed("data: 0123456789\n", events));
  auto too_much = data.feed("data: 0123456789\n", events);
  REQUIRE_FALSE(too_much);
  CHECK(too_much.error().message.find("an event's data is longer than 20 bytes") !=
        std::string::npos);
}
