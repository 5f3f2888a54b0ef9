#include "runtime/cookies/cookie_header.hpp"

#include <catch2/catch.hpp>

using namespace postern::cookies;

TEST_CASE("a Cookie header splits into its pairs in order (RFC 6265 §3.1)") {
  auto pairs = parse_cookie_header("SID=31d4d96e407aad42; lang=en-US");
  REQUIRE(pairs.size() == 2);
  CHECK(pairs[0].name == "SID");
  CHECK(pairs[0].value == "31d4d96e407aad42");
  CHECK(pairs[1].name == "lang");
  CHECK(pairs[1].value == "en-US");
}

TEST_CASE("Cookie header parsing is lenient") {
  auto pairs = parse_cookie_header(" ;a=1;;b = 2 ;\tc=x=y; nameless ;d=");
  REQUIRE(pairs.size() == 5);
  CHECK(pairs[1].name == "b");
  CHECK(pairs[1].value == "2");
  CHECK(pairs[2].value == "x=y");
  CHECK(pairs[3].name.empty());
  CHECK(pairs[3].value == "nameless");
  CHECK(pairs[4].name == "d");
  CHECK(pairs[4].value.empty());
  CHECK(parse_cookie_header("").empty());
  CHECK(parse_cookie_header(" ; ;").empty());
}

TEST_CASE("the Cookie header the jar sends: '; ' between pairs, nameless as the value") {
  std::vector<Cookie> cookies(3);
  cookies[0].name = "SID";
  cookies[0].value = "31d4d96e407aad42";
  cookies[1].value = "nameless";
  cookies[2].name = "lang";
  cookies[2].value = "en-US";
  CHECK(format_cookie_header(cookies) == "SID=31d4d96e407aad42; nameless; lang=en-US");
  CHECK(format_cookie_header({}).empty());
}

TEST_CASE("format and parse agree") {
  auto pairs = parse_cookie_header("a=1; b=; c=\"q\"");
  std::vector<Cookie> cookies;
  for (const auto& pair : pairs) {
    Cookie cookie;
    cookie.name = pair.name;
    cookie.value = pair.value;
    cookies.push_back(cookie);
  }
  CHECK(format_cookie_header(cookies) == "a=1; b=; c=\"q\"");
}
