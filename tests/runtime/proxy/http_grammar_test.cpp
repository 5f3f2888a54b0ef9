#include "runtime/proxy/http_grammar.hpp"

#include <catch2/catch.hpp>

using namespace postern::proxy;
using namespace std::string_literals;

TEST_CASE("tokens are tchar only", "[proxy][grammar]") {
  CHECK(is_token("GET"));
  CHECK(is_token("X-Custom_Header.v2"));
  CHECK(is_token("!#$%&'*+-.^_`|~09azAZ"));
  CHECK_FALSE(is_token(""));
  for (char c : "()<>@,;:\\\"/[]?={} \t"s)
    CHECK_FALSE(is_tchar(c));
  CHECK_FALSE(is_tchar('\x80'));
  CHECK_FALSE(is_tchar('\0'));
}

TEST_CASE("field values refuse control characters but not obs-text", "[proxy][grammar]") {
  CHECK(is_valid_field_value("text/html; q=0.9"));
  CHECK(is_valid_field_value("a\tb"));
  CHECK(is_valid_field_value("caf\xc3\xa9"));
  CHECK(is_valid_field_value(""));
  CHECK_FALSE(is_valid_field_value("a\0b"s));
  CHECK_FALSE(is_valid_field_value("a\rb"));
  CHECK_FALSE(is_valid_field_value("a\nb"));
  CHECK_FALSE(is_valid_field_value("a\x7f"));
  CHECK_FALSE(is_valid_field_value("\x1b[31m"));
}

TEST_CASE("hex digits, trimming, case", "[proxy][grammar]") {
  CHECK(hex_value('0') == 0);
  CHECK(hex_value('a') == 10);
  CHECK(hex_value('F') == 15);
  CHECK(hex_value('g') == -1);
  CHECK(hex_value('x') == -1);
  CHECK(trim_ows(" \t value \t") == "value");
  CHECK(trim_ows("   ").empty());
  CHECK(iequals("Content-Length", "content-length"));
  CHECK_FALSE(iequals("Content-Length", "Content-Lengt"));
  CHECK(to_lower("KeeP-Alive") == "keep-alive");
}

TEST_CASE("comma lists drop empty elements and trim each", "[proxy][grammar]") {
  using List = std::vector<std::string_view>;
  CHECK(split_list("a, b,c") == List{"a", "b", "c"});
  CHECK(split_list(" , a ,, b , ") == List{"a", "b"});
  CHECK(split_list("").empty());
  CHECK(split_list(",,,").empty());
  CHECK(split_list("gzip, chunked") == List{"gzip", "chunked"});
}
