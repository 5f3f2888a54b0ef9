#include "runtime/proxy/chunked_decoder.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace postern::proxy;
using namespace std::string_literals;

namespace {

// What decoding a whole chunked body produced.
struct Decoded {
  std::string data;  // decoded bytes
  std::string wire;  // the prefixes consumed, concatenated
  BodyStep::Kind end = BodyStep::Kind::need_more;
  std::error_code error;
  int status = 0;
};

// Feeds `bytes` in pieces of `piece` (0: all at once), running the session loop on each.
Decoded decode(std::string_view bytes, std::size_t piece = 0, BodyLimits limits = {},
               Side side = Side::request) {
  ChunkedDecoder decoder(side, limits);
  Decoded out;
  if (piece == 0) piece = std::max<std::size_t>(bytes.size(), 1);
  for (std::size_t at = 0; at < bytes.size() || at == 0; at += piece) {
    std::string_view input = bytes.substr(std::min(at, bytes.size()), piece);
    for (;;) {
      BodyStep step = decoder.feed(input);
      REQUIRE(step.consumed <= input.size());
      out.wire.append(input.substr(0, step.consumed));
      input.remove_prefix(step.consumed);
      out.end = step.kind;
      if (step.kind == BodyStep::Kind::data) {
        out.data.append(step.data);
        continue;
      }
      if (step.kind == BodyStep::Kind::error) {
        out.error = step.error.code;
        out.status = step.error.status;
      }
      break;
    }
    if (out.end == BodyStep::Kind::complete || out.end == BodyStep::Kind::error) break;
  }
  return out;
}

errc error_of(std::string_view bytes, BodyLimits limits = {}) {
  Decoded out = decode(bytes, 0, limits);
  REQUIRE(out.end == BodyStep::Kind::error);
  return static_cast<errc>(out.error.value());
}

}  // namespace

TEST_CASE("chunks decode to their data; the wire bytes are the input", "[proxy][chunked]") {
  const std::string body = "4\r\nWiki\r\n6\r\npedia \r\nE\r\nin \r\n\r\nchunks.\r\n0\r\n\r\n";
  Decoded out = decode(body + "NEXT");
  CHECK(out.end == BodyStep::Kind::complete);
  CHECK(out.data == "Wikipedia in \r\n\r\nchunks.");
  CHECK(out.wire == body);  // passthrough forwards exactly this
}

TEST_CASE("any feed pattern decodes the same", "[proxy][chunked]") {
  const std::string body =
      "1a;name=value;quoted=\"a b\"\r\nabcdefghijklmnopqrstuvwxyz\r\n"
      "A \t;x\r\n0123456789\r\n0\r\nChecksum: abc\r\nx-trailer:  t \r\n\r\n";
  const Decoded whole = decode(body);
  REQUIRE(whole.end == BodyStep::Kind::complete);
  CHECK(whole.data == "abcdefghijklmnopqrstuvwxyz0123456789");
  for (std::size_t piece = 1; piece <= 9; ++piece) {
    Decoded split = decode(body, piece);
    CHECK(split.data == whole.data);
    CHECK(split.wire == whole.wire);
    CHECK(split.end == BodyStep::Kind::complete);
  }
  for (std::size_t cut = 0; cut <= body.size(); ++cut) {
    ChunkedDecoder decoder(Side::request);
    std::string data, wire;
    for (std::string_view part :
         {std::string_view(body).substr(0, cut), std::string_view(body).substr(cut)}) {
      for (BodyStep step = decoder.feed(part);; step = decoder.feed(part)) {
        wire.append(part.substr(0, step.consumed));
        part.remove_prefix(step.consumed);
        if (step.kind != BodyStep::Kind::data) break;
        data.append(step.data);
      }
    }
    REQUIRE(decoder.done());
    REQUIRE(data == whole.data);
    REQUIRE(wire == body);
    REQUIRE(decoder.trailers().size() == 2);
  }
}

TEST_CASE("trailers are parsed as fields", "[proxy][chunked]") {
  ChunkedDecoder decoder(Side::response);
  BodyStep step = decoder.feed("0\r\nServer-Timing: db;dur=53\r\nDigest: sha-256=abc\r\n\r\n");
  CHECK(step.kind == BodyStep::Kind::complete);
  REQUIRE(decoder.trailers().size() == 2);
  CHECK(decoder.trailers()[0] == HeaderField{"Server-Timing", "db;dur=53"});
  CHECK(decoder.trailers().get("digest") == "sha-256=abc");
  CHECK(decoder.feed("more").kind == BodyStep::Kind::complete);  // repeats, takes nothing
  CHECK(ChunkedDecoder(Side::request).trailers().empty());
}

TEST_CASE("data comes back as views into the input", "[proxy][chunked]") {
  const std::string input = "5\r\nhello\r\n";
  ChunkedDecoder decoder(Side::request);
  BodyStep step = decoder.feed(input);
  REQUIRE(step.kind == BodyStep::Kind::data);
  CHECK(step.data.data() == input.data() + 3);
  CHECK(step.consumed == 8);
}

TEST_CASE("huge chunk sizes stream; overflow is refused", "[proxy][chunked]") {
  ChunkedDecoder decoder(Side::request);
  BodyStep step = decoder.feed("FFFFFFFFFFFFFFFF\r\nabc");
  CHECK(step.kind == BodyStep::Kind::data);
  CHECK(step.data == "abc");
  CHECK(decoder.feed("").kind == BodyStep::Kind::need_more);
  CHECK(error_of("10000000000000000\r\n") == errc::chunk_size_overflow);
  CHECK(error_of("fffffffffffffffff\r\n") == errc::chunk_size_overflow);
  Decoded zeros = decode("0000000000000000000000000003\r\nabc\r\n0\r\n\r\n");
  CHECK(zeros.data == "abc");  // leading zeros are fine, only the value is bounded
}

TEST_CASE("malformed chunk-size lines", "[proxy][chunked][smuggling]") {
  CHECK(error_of("\r\n") == errc::bad_chunk_size);
  CHECK(error_of("-1\r\n") == errc::bad_chunk_size);
  CHECK(error_of("+1\r\n") == errc::bad_chunk_size);
  CHECK(error_of("0x1\r\n") == errc::bad_chunk_size);
  CHECK(error_of(" 1\r\n") == errc::bad_chunk_size);
  CHECK(error_of("1 \r\n") == errc::bad_chunk_size);
  CHECK(error_of("g\r\n") == errc::bad_chunk_size);
  CHECK(error_of(";ext\r\n") == errc::bad_chunk_size);
  CHECK(error_of("1\n") == errc::bad_line_ending);
  CHECK(error_of("1;ext\n") == errc::bad_line_ending);
  CHECK(error_of("1\rx") == errc::bad_line_ending);
  CHECK(error_of("1;a\0b\r\n"s) == errc::bad_chunk_extension);
  CHECK(error_of("1;a\x7f\r\n") == errc::bad_chunk_extension);
}

TEST_CASE("chunk data must end in CRLF", "[proxy][chunked][smuggling]") {
  CHECK(error_of("3\r\nabcX\r\n") == errc::bad_chunk_terminator);
  CHECK(error_of("3\r\nabc\n0\r\n\r\n") == errc::bad_chunk_terminator);
  CHECK(error_of("3\r\nabc\rX") == errc::bad_chunk_terminator);
  CHECK(error_of("3\r\nabcd\r\n0\r\n\r\n") == errc::bad_chunk_terminator);  // longer than said
}

TEST_CASE("chunk lines and trailers are bounded", "[proxy][chunked][limits]") {
  BodyLimits limits;
  limits.max_chunk_line = 16;
  CHECK(decode("1;" + std::string(11, 'e') + "\r\nx\r\n0\r\n\r\n", 0, limits).end ==
        BodyStep::Kind::complete);  // 1 + 1 + 11 + 2 = 15
  CHECK(error_of("1;" + std::string(13, 'e') + "\r\n", limits) == errc::chunk_line_too_long);
  limits = BodyLimits{};
  limits.max_trailer_bytes = 16;
  Decoded big = decode("0\r\nX: " + std::string(20, 't') + "\r\n\r\n", 0, limits);
  CHECK(big.error == errc::trailers_too_large);
  CHECK(big.status == 431);
  limits = BodyLimits{};
  limits.max_trailer_fields = 1;
  CHECK(error_of("0\r\nA: 1\r\nB: 2\r\n\r\n", limits) == errc::trailers_too_large);
  CHECK(error_of("0\r\nA: 1\r\n folded\r\n\r\n") == errc::obsolete_line_folding);
  CHECK(error_of("0\r\nA: 1\n\n") == errc::bad_line_ending);
  CHECK(decode("0\r\n\r\n", 0, {}, Side::response).end == BodyStep::Kind::complete);
}

TEST_CASE("errors are sticky and carry the side's status", "[proxy][chunked]") {
  ChunkedDecoder decoder(Side::response);
  BodyStep step = decoder.feed("zz");
  REQUIRE(step.kind == BodyStep::Kind::error);
  CHECK(step.consumed == 1);
  CHECK(step.error.status == 502);
  BodyStep again = decoder.feed("0\r\n\r\n");
  CHECK(again.kind == BodyStep::Kind::error);
  CHECK(again.consumed == 0);
  CHECK(again.error.code == errc::bad_chunk_size);
}
