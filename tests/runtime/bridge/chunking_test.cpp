#include "runtime/bridge/chunking.hpp"

#include <catch2/catch.hpp>

#include "runtime/bridge/errc.hpp"

using namespace postern::bridge;
using nlohmann::json;

namespace {

// Every chunk parsed, each checked to be valid JSON within `max` bytes.
std::vector<json> parse_all(const std::vector<std::string>& chunks, std::size_t max) {
  std::vector<json> out;
  for (const auto& text : chunks) {
    CHECK(text.size() <= max);
    auto check = parse_payload(text);
    REQUIRE(check.error == FrameError::none);
    out.push_back(check.document);
  }
  return out;
}

std::string assemble(const std::vector<json>& chunks) {
  ChunkAssembler assembler;
  std::optional<std::string> message;
  for (const auto& chunk : chunks) {
    auto outcome = assembler.add(chunk);
    REQUIRE(outcome.error == ChunkError::none);
    if (outcome.message) message = outcome.message;
  }
  REQUIRE(message.has_value());
  return *message;
}

json chunk(std::uint64_t id, std::uint64_t seq, bool last, std::string data) {
  return json{{"type", "chunk"}, {"id", id}, {"seq", seq}, {"last", last}, {"data", data}};
}

}  // namespace

TEST_CASE("a 5 MiB message splits into frames of at most 1 MiB and back", "[bridge][chunk]") {
  // Quotes, backslashes, control characters and multi-byte text: the cases where escaping
  // makes a chunk longer than its data.
  std::string body;
  const std::string pattern = "text \"quoted\" \\ back\tslash\n\x01 caf\xC3\xA9 \xF0\x9F\x98\x80 ";
  while (body.size() < 5 * 1024 * 1024)
    body += pattern;
  const std::string message = json{{"type", "capture.response"}, {"body", body}}.dump();
  auto chunks = split_message(message, kMaxOutboundFrame, 7);
  REQUIRE(chunks.has_value());
  CHECK(chunks.value().size() >= 6);
  auto parsed = parse_all(chunks.value(), kMaxOutboundFrame);
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    CHECK(parsed[i]["type"] == "chunk");
    CHECK(parsed[i]["id"] == 7);
    CHECK(parsed[i]["seq"] == i);
    CHECK(parsed[i]["last"] == (i + 1 == parsed.size()));
  }
  CHECK(assemble(parsed) == message);
}

TEST_CASE("parts are cut on code point boundaries even with a tiny frame limit",
          "[bridge][chunk]") {
  const std::string message = "[\"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xC3\xA9\\\\\x1f\"]";
  for (std::size_t max = 75; max < 90; ++max) {
    auto chunks = split_message(message, max, 1);
    REQUIRE(chunks.has_value());
    auto parsed = parse_all(chunks.value(), max);
    CHECK(assemble(parsed) == message);
  }
}

TEST_CASE("a small message is one chunk; an empty one too", "[bridge][chunk]") {
  auto one = split_message("{}", 1024, 3);
  REQUIRE(one.has_value());
  REQUIRE(one.value().size() == 1);
  CHECK(json::parse(one.value()[0])["last"] == true);
  auto empty = split_message("", 1024, 4);
  REQUIRE(empty.has_value());
  CHECK(empty.value().size() == 1);
}

TEST_CASE("splitting refuses impossible limits and invalid UTF-8", "[bridge][chunk]") {
  auto tiny = split_message("{\"a\":1}", 20, 1);
  REQUIRE_FALSE(tiny.has_value());
  CHECK(tiny.error().code == errc::frame_too_large);
  CHECK_FALSE(split_message("\"\xC0\xAF\"", 1024, 1).has_value());
}

TEST_CASE("the assembler refuses broken sequences", "[bridge][chunk]") {
  ChunkAssembler assembler(100);
  SECTION("malformed") {
    CHECK(assembler.add(json{{"type", "chunk"}, {"id", 1}}).error == ChunkError::malformed);
    auto no_last = chunk(1, 0, false, "a");
    no_last.erase("last");
    CHECK(assembler.add(no_last).error == ChunkError::malformed);
    CHECK(assembler.add(json::array()).error == ChunkError::malformed);
    auto negative = chunk(1, 0, true, "a");
    negative["seq"] = -1;
    CHECK(assembler.add(negative).error == ChunkError::malformed);
  }
  SECTION("duplicate seq") {
    CHECK(assembler.add(chunk(1, 0, false, "a")).error == ChunkError::none);
    CHECK(assembler.add(chunk(1, 0, false, "a")).error == ChunkError::duplicate);
    CHECK_FALSE(assembler.in_progress());  // the message was dropped
  }
  SECTION("missing seq (gap) and out of order") {
    CHECK(assembler.add(chunk(1, 0, false, "a")).error == ChunkError::none);
    auto gap = assembler.add(chunk(1, 2, true, "c"));
    CHECK(gap.error == ChunkError::gap);
    CHECK(gap.detail.find("expected chunk 1") != std::string::npos);
    CHECK(assembler.add(chunk(2, 1, true, "b")).error == ChunkError::gap);  // must start at 0
  }
  SECTION("interleaved messages") {
    CHECK(assembler.add(chunk(1, 0, false, "a")).error == ChunkError::none);
    CHECK(assembler.add(chunk(2, 0, false, "b")).error == ChunkError::interleaved);
  }
  SECTION("a completed message cannot be replayed") {
    CHECK(assembler.add(chunk(5, 0, true, "{}")).message == "{}");
    CHECK(assembler.add(chunk(5, 0, true, "{}")).error == ChunkError::duplicate);
    CHECK(assembler.add(chunk(4, 0, true, "{}")).error == ChunkError::duplicate);
    CHECK(assembler.add(chunk(6, 0, true, "[]")).message == "[]");
  }
  SECTION("the total is bounded") {
    CHECK(assembler.add(chunk(1, 0, false, std::string(60, 'x'))).error == ChunkError::none);
    CHECK(assembler.add(chunk(1, 1, false, std::string(60, 'x'))).error == ChunkError::too_large);
    CHECK(assembler.add(chunk(2, 0, true, std::string(100, 'x'))).message.has_value());
  }
}
