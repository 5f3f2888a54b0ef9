#include "runtime/proxy/body_decoder.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace postern::proxy;

TEST_CASE("content-length bodies stream as views and end at their length", "[proxy][body]") {
  BodyDecoder decoder(BodyFraming{BodyKind::content_length, 5}, Side::request);
  CHECK_FALSE(decoder.done());
  const std::string input = "helloGET / HTTP/1.1\r\n";
  BodyStep step = decoder.feed(input);
  REQUIRE(step.kind == BodyStep::Kind::data);
  CHECK(step.data == "hello");
  CHECK(step.data.data() == input.data());
  CHECK(step.consumed == 5);
  CHECK(decoder.done());
  step = decoder.feed(std::string_view(input).substr(5));
  CHECK(step.kind == BodyStep::Kind::complete);
  CHECK(step.consumed == 0);  // the next request is not the body's
  CHECK(decoder.body_bytes() == 5);
  CHECK(decoder.wire_bytes() == 5);
}

TEST_CASE("empty bodies are complete at once", "[proxy][body]") {
  BodyDecoder none(BodyFraming{}, Side::request);
  CHECK(none.done());
  CHECK(none.feed("x").kind == BodyStep::Kind::complete);
  BodyDecoder zero(BodyFraming{BodyKind::content_length, 0}, Side::request);
  BodyStep step = zero.feed("GET");
  CHECK(step.kind == BodyStep::Kind::complete);
  CHECK(step.consumed == 0);
  CHECK(zero.finish().kind == BodyStep::Kind::complete);
  CHECK(zero.trailers().empty());
}

TEST_CASE("until-close bodies end when the server closes", "[proxy][body]") {
  BodyDecoder decoder(BodyFraming{BodyKind::until_close, 0}, Side::response);
  CHECK(decoder.feed("").kind == BodyStep::Kind::need_more);
  BodyStep step = decoder.feed("all of it");
  CHECK(step.kind == BodyStep::Kind::data);
  CHECK(step.consumed == 9);
  CHECK_FALSE(decoder.done());
  CHECK(decoder.finish().kind == BodyStep::Kind::complete);
  CHECK(decoder.done());
}

TEST_CASE("a close before the end is a truncated message", "[proxy][body]") {
  BodyDecoder length(BodyFraming{BodyKind::content_length, 10}, Side::request);
  length.feed("abc");
  BodyStep step = length.finish();
  REQUIRE(step.kind == BodyStep::Kind::error);
  CHECK(step.error.code == errc::truncated_message);
  CHECK(step.error.status == 400);
  CHECK(length.feed("more").kind == BodyStep::Kind::error);  // sticky

  BodyDecoder chunked(BodyFraming{BodyKind::chunked, 0}, Side::response);
  chunked.feed("5\r\nab");
  step = chunked.finish();
  CHECK(step.error.code == errc::truncated_message);
  CHECK(step.error.status == 502);
}

TEST_CASE("chunked bodies report wire and body bytes and trailers", "[proxy][body]") {
  const std::string wire = "3;x=y\r\nabc\r\n0\r\nEtag: \"1\"\r\n\r\n";
  BodyDecoder decoder(BodyFraming{BodyKind::chunked, 0}, Side::response);
  std::string_view input = wire;
  std::string data;
  for (;;) {
    BodyStep step = decoder.feed(input);
    input.remove_prefix(step.consumed);
    if (step.kind != BodyStep::Kind::data) {
      CHECK(step.kind == BodyStep::Kind::complete);
      break;
    }
    data.append(step.data);
  }
  CHECK(data == "abc");
  CHECK(decoder.body_bytes() == 3);
  CHECK(decoder.wire_bytes() == wire.size());
  CHECK(decoder.trailers().get("ETag") == "\"1\"");
  CHECK(decoder.framing().kind == BodyKind::chunked);
}

TEST_CASE("a 100 MiB body streams through a 64 KiB buffer", "[proxy][body][stream]") {
  constexpr std::size_t kBuffer = 64 * 1024;
  constexpr std::uint64_t kTotal = 100ull * 1024 * 1024;
  const std::string buffer(kBuffer, 'b');  // the session's read buffer, reused for every read
  SECTION("content-length") {
    BodyDecoder decoder(BodyFraming{BodyKind::content_length, kTotal}, Side::request);
    std::uint64_t seen = 0;
    while (!decoder.done()) {
      BodyStep step = decoder.feed(buffer);
      REQUIRE(step.kind == BodyStep::Kind::data);
      REQUIRE(step.data.data() == buffer.data());  // no copy: a view of the read buffer
      seen += step.data.size();
    }
    CHECK(seen == kTotal);
    CHECK(decoder.feed(buffer).kind == BodyStep::Kind::complete);
  }
  SECTION("chunked, one chunk per read") {
    const std::string chunk = "10000\r\n" + buffer + "\r\n";  // 0x10000 = 64 KiB
    BodyDecoder decoder(BodyFraming{BodyKind::chunked, 0}, Side::request);
    std::uint64_t wire = 0;
    for (std::uint64_t sent = 0; sent < kTotal; sent += kBuffer) {
      std::string_view input = chunk;
      while (!input.empty()) {
        BodyStep step = decoder.feed(input);
        REQUIRE(step.kind != BodyStep::Kind::error);
        REQUIRE(step.consumed > 0);
        wire += step.consumed;
        input.remove_prefix(step.consumed);
      }
    }
    CHECK(decoder.feed("0\r\n\r\n").kind == BodyStep::Kind::complete);
    CHECK(decoder.body_bytes() == kTotal);
    CHECK(wire + 5 == decoder.wire_bytes());
  }
}
