#include "runtime/bridge/frame_codec.hpp"

#include <bit>
#include <catch2/catch.hpp>
#include <cstring>

#include "runtime/bridge/errc.hpp"

using namespace postern::bridge;
using Kind = FrameEvent::Kind;

namespace {

std::string header(std::uint32_t length) {
  std::string bytes(4, '\0');
  std::memcpy(bytes.data(), &length, 4);
  return bytes;
}

std::string raw_frame(const std::string& payload) {
  return header(static_cast<std::uint32_t>(payload.size())) + payload;
}

// Drains the decoder: every event up to need_more (or the first fatal error).
std::vector<FrameEvent> drain(FrameDecoder& decoder) {
  std::vector<FrameEvent> events;
  for (;;) {
    FrameEvent event = decoder.next();
    if (event.kind == Kind::need_more) break;
    events.push_back(event);
    if (event.fatal()) break;
  }
  return events;
}

}  // namespace

TEST_CASE("a frame is a native-endian length and the JSON", "[bridge][frame]") {
  auto frame = encode_frame(R"({"type":"hello"})");
  REQUIRE(frame.has_value());
  CHECK(frame.value().size() == 4 + 16);
  CHECK(frame.value().substr(0, 4) == header(16));
  // Little-endian on every platform we ship: the low byte comes first.
  if constexpr (std::endian::native == std::endian::little)
    CHECK(frame.value().substr(0, 4) == std::string("\x10\x00\x00\x00", 4));
  FrameDecoder decoder;
  decoder.feed(frame.value());
  auto event = decoder.next();
  REQUIRE(event.kind == Kind::frame);
  CHECK(event.payload == R"({"type":"hello"})");
  CHECK(event.message["type"] == "hello");
  CHECK(decoder.next().kind == Kind::need_more);
  CHECK(decoder.finish().kind == Kind::end);
}

TEST_CASE("outbound frames are at most 1 MiB", "[bridge][frame]") {
  const std::string exactly(kMaxOutboundFrame, 'x');
  CHECK(encode_frame(exactly).has_value());
  auto over = encode_frame(exactly + "x");
  REQUIRE_FALSE(over.has_value());
  CHECK(over.error().code == errc::frame_too_large);
}

TEST_CASE("fed byte by byte, frames come out whole", "[bridge][frame]") {
  const std::string stream = raw_frame(R"({"a":1})") + raw_frame(R"(["caf\u00e9","é"])") +
                             raw_frame(R"({"b":[true,null]})");
  FrameDecoder decoder;
  std::vector<FrameEvent> frames;
  for (char byte : stream) {
    decoder.feed(std::string_view(&byte, 1));
    for (auto& event : drain(decoder))
      frames.push_back(event);
  }
  REQUIRE(frames.size() == 3);
  CHECK(frames[0].message["a"] == 1);
  CHECK(frames[1].message[1] == "é");
  CHECK(frames[2].message["b"][0] == true);
  CHECK(decoder.pending() == 0);
}

TEST_CASE("many frames in one chunk, and a split header", "[bridge][frame]") {
  std::string stream;
  for (int i = 0; i < 1000; ++i)
    stream += raw_frame("{\"n\":" + std::to_string(i) + "}");
  FrameDecoder decoder;
  decoder.feed(stream.substr(0, stream.size() - 2));
  auto events = drain(decoder);
  REQUIRE(events.size() == 999);
  CHECK(events[998].message["n"] == 998);
  decoder.feed(stream.substr(stream.size() - 2));
  events = drain(decoder);
  REQUIRE(events.size() == 1);
  CHECK(events[0].message["n"] == 999);
}

TEST_CASE("an oversize length is refused from the header alone", "[bridge][frame]") {
  FrameDecoder decoder(1024);
  decoder.feed(header(1025));  // no body at all: the decision needs only the header
  auto event = decoder.next();
  REQUIRE(event.kind == Kind::error);
  CHECK(event.error == FrameError::oversize);
  CHECK(event.announced_length == 1025);
  CHECK(event.fatal());
  CHECK(decoder.pending() == 0);
  decoder.feed(std::string(5000, 'x'));  // nothing more is buffered after a fatal error
  CHECK(decoder.pending() == 0);
  CHECK(decoder.next().error == FrameError::oversize);  // sticky
  CHECK(decoder.finish().error == FrameError::oversize);

  FrameDecoder default_cap;
  default_cap.feed(header(0xFFFFFFFFu));
  auto huge = default_cap.next();
  CHECK(huge.error == FrameError::oversize);
  CHECK(huge.announced_length == 0xFFFFFFFFu);
  FrameDecoder at_cap(1024);
  at_cap.feed(header(1024));
  CHECK(at_cap.next().kind == Kind::need_more);  // exactly the cap is allowed
}

TEST_CASE("length 0 is an invalid frame, and the stream goes on", "[bridge][frame]") {
  FrameDecoder decoder;
  decoder.feed(header(0) + raw_frame("{}"));
  auto events = drain(decoder);
  REQUIRE(events.size() == 2);
  CHECK(events[0].error == FrameError::invalid_json);
  CHECK_FALSE(events[0].fatal());
  CHECK(events[1].kind == Kind::frame);
}

TEST_CASE("truncated input is reported at EOF", "[bridge][frame]") {
  SECTION("inside the header") {
    FrameDecoder decoder;
    decoder.feed(std::string("\x05\x00", 2));
    CHECK(decoder.next().kind == Kind::need_more);
    auto event = decoder.finish();
    CHECK(event.error == FrameError::truncated);
    CHECK(event.detail.find("header") != std::string::npos);
  }
  SECTION("inside the body") {
    FrameDecoder decoder;
    decoder.feed(header(10) + "{\"a\"");
    CHECK(decoder.next().kind == Kind::need_more);
    auto event = decoder.finish();
    CHECK(event.error == FrameError::truncated);
    CHECK(event.announced_length == 10);
    CHECK(event.fatal());
  }
  SECTION("trailing garbage after the last frame") {
    FrameDecoder decoder;
    decoder.feed(raw_frame("{}") + "xyz");
    CHECK(decoder.next().kind == Kind::frame);
    CHECK(decoder.next().kind == Kind::need_more);
    CHECK(decoder.finish().error == FrameError::truncated);
  }
}

TEST_CASE("invalid UTF-8 in a payload is named, and the stream goes on", "[bridge][frame]") {
  const std::string payloads[] = {
      "{\"a\":\"\xC0\xAF\"}",          // overlong '/'
      "{\"a\":\"\xED\xA0\x80\"}",      // surrogate
      "{\"a\":\"\xF4\x90\x80\x80\"}",  // above U+10FFFF
      "{\"a\":\"\xFF\"}",
  };
  for (const auto& payload : payloads) {
    FrameDecoder decoder;
    decoder.feed(raw_frame(payload) + raw_frame("{\"ok\":1}"));
    auto events = drain(decoder);
    REQUIRE(events.size() == 2);
    CHECK(events[0].error == FrameError::invalid_utf8);
    CHECK(events[1].message["ok"] == 1);
  }
}

TEST_CASE("invalid JSON is named, trailing garbage included", "[bridge][frame]") {
  const char* payloads[] = {"{",     "{\"a\":1} xyz", "[1,2,]", "nope", "{\"a\":\"\\ud800\"}",
                            "{} {}", "\"unterminated"};
  for (const char* payload : payloads) {
    INFO(payload);
    FrameDecoder decoder;
    decoder.feed(raw_frame(payload));
    auto event = decoder.next();
    CHECK(event.kind == Kind::error);
    CHECK(event.error == FrameError::invalid_json);
    CHECK_FALSE(event.fatal());
  }
}

TEST_CASE("deep nesting is refused before parsing", "[bridge][frame]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto check = parse_payload(deep);
  CHECK(check.error == FrameError::invalid_json);
  CHECK(check.detail.find("nested") != std::string::npos);
  const std::string fine = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  CHECK(parse_payload(fine).error == FrameError::none);
  // Brackets inside strings do not count.
  CHECK(parse_payload("[\"" + std::string(1000, '[') + "\\\"\"]").error == FrameError::none);
}
