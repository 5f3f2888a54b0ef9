#include "runtime/cookies/ascii.hpp"

#include <catch2/catch.hpp>

using namespace postern::cookies;

TEST_CASE("control characters: all but HTAB below 0x20, and DEL") {
  CHECK(ascii::is_forbidden_control('\0'));
  CHECK(ascii::is_forbidden_control('\n'));
  CHECK(ascii::is_forbidden_control('\r'));
  CHECK(ascii::is_forbidden_control('\x7F'));
  CHECK_FALSE(ascii::is_forbidden_control('\t'));
  CHECK_FALSE(ascii::is_forbidden_control(' '));
  CHECK_FALSE(ascii::is_forbidden_control('\x80'));  // UTF-8 bytes are not controls
  CHECK(ascii::has_forbidden_control(std::string_view("a\0b", 3)));
  CHECK_FALSE(ascii::has_forbidden_control("a\tb"));
}

TEST_CASE("case folding touches ASCII letters only") {
  CHECK(ascii::to_lower("ExAmPlE.CoM") == "example.com");
  CHECK(ascii::to_lower("\xC3\x84") == "\xC3\x84");  // Ä stays as it is
  CHECK(ascii::iequals("SameSite", "samesite"));
  CHECK_FALSE(ascii::iequals("Secure", "Secure "));
  CHECK(ascii::istarts_with("__SECURE-id", "__secure-"));
  CHECK_FALSE(ascii::istarts_with("__Sec", "__secure-"));
}

TEST_CASE("trimming removes spaces and tabs only") {
  CHECK(ascii::trim_wsp(" \t a b \t") == "a b");
  CHECK(ascii::trim_wsp("   ").empty());
  CHECK(ascii::trim_wsp("\na\n") == "\na\n");
}

TEST_CASE("UTF-8 validation refuses overlong, surrogate and truncated sequences") {
  CHECK(ascii::valid_utf8("plain"));
  CHECK(ascii::valid_utf8("\xE5\x85\xAC\xE5\x8F\xB8"));  // 公司
  CHECK(ascii::valid_utf8("\xF0\x9F\x8D\xAA"));          // 🍪
  CHECK_FALSE(ascii::valid_utf8("\xC0\xAF"));            // overlong '/'
  CHECK_FALSE(ascii::valid_utf8("\xED\xA0\x80"));        // a surrogate
  CHECK_FALSE(ascii::valid_utf8("\xE5\x85"));            // truncated
  CHECK_FALSE(ascii::valid_utf8("\xFF"));
  auto points = ascii::utf8_code_points("a\xC3\xA9");
  REQUIRE(points);
  CHECK(*points == std::vector<std::uint32_t>{'a', 0xE9});
}

TEST_CASE("printable escapes control and non-ASCII bytes and cuts long text") {
  CHECK(ascii::printable("a\r\nb") == "a\\x0D\\x0Ab");
  CHECK(ascii::printable("\xC3\xA9") == "\\xC3\\xA9");
  CHECK(ascii::printable(std::string(200, 'x'), 10) == "xxxxxxxxxx...");
}
