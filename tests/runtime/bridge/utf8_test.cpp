#include "runtime/bridge/utf8.hpp"

#include <catch2/catch.hpp>

using namespace postern::bridge;
using namespace std::string_literals;

TEST_CASE("valid UTF-8 passes", "[bridge][utf8]") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ASCII {\"a\":1}"));
  CHECK(is_valid_utf8("\xC2\x80"));          // U+0080, smallest 2-byte
  CHECK(is_valid_utf8("caf\xC3\xA9"));       // é
  CHECK(is_valid_utf8("\xE0\xA0\x80"));      // U+0800, smallest 3-byte
  CHECK(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  CHECK(is_valid_utf8("\xEE\x80\x80"));      // U+E000, just above them
  CHECK(is_valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
  CHECK(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000, smallest 4-byte
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));  // emoji
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  CHECK(is_valid_utf8("\x00 embedded NUL"s));
}

TEST_CASE("invalid UTF-8 is found at its first bad byte", "[bridge][utf8]") {
  struct Case {
    const char* name;
    std::string text;
    std::size_t at;
  };
  const Case cases[] = {
      {"lone continuation", "ab\x80", 2},         {"overlong 2-byte (C0)", "\xC0\xAF", 0},
      {"overlong 2-byte (C1)", "\xC1\xBF", 0},    {"overlong 3-byte", "x\xE0\x80\xAF", 1},
      {"overlong 4-byte", "\xF0\x8F\xBF\xBF", 0}, {"high surrogate", "\xED\xA0\x80", 0},
      {"low surrogate", "ok\xED\xBF\xBF", 2},     {"above U+10FFFF", "\xF4\x90\x80\x80", 0},
      {"F5 lead", "\xF5\x80\x80\x80", 0},         {"FF byte", "\xFF", 0},
      {"truncated 2-byte", "abc\xC3", 3},         {"truncated 4-byte", "\xF0\x9F\x98", 0},
      {"bad continuation", "\xE2\x28\xA1", 0},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    auto bad = find_invalid_utf8(c.text);
    REQUIRE(bad.has_value());
    CHECK(*bad == c.at);
  }
}

TEST_CASE("sequence lengths", "[bridge][utf8]") {
  const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
  CHECK(utf8_sequence_length(text, 0) == 1);
  CHECK(utf8_sequence_length(text, 1) == 2);
  CHECK(utf8_sequence_length(text, 3) == 3);
  CHECK(utf8_sequence_length(text, 6) == 4);
  CHECK(utf8_sequence_length(text, 2) == 0);  // inside a sequence
  CHECK(utf8_sequence_length(text, 99) == 0);
}
