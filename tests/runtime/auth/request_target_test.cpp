#include "runtime/auth/request_target.hpp"

#include <catch2/catch.hpp>

using namespace postern::auth;

TEST_CASE("split_request_target keeps path and query as sent", "[auth][url]") {
  auto target = split_request_target("HTTPS://User:pw@Example.COM:8443/a%20b/c?x=1&y=%2F#frag");
  REQUIRE(target);
  CHECK(target.value().scheme == "https");
  CHECK(target.value().host == "example.com");
  CHECK(target.value().port == 8443);
  CHECK(target.value().explicit_port);
  CHECK(target.value().path == "/a%20b/c");
  CHECK(target.value().query == "x=1&y=%2F");
  CHECK(host_header_value(target.value()) == "example.com:8443");

  auto bare = split_request_target("http://[::1]?q");
  REQUIRE(bare);
  CHECK(bare.value().host == "::1");
  CHECK(bare.value().port == 80);
  CHECK(bare.value().path == "/");
  CHECK(bare.value().query == "q");
  CHECK(host_header_value(bare.value()) == "[::1]");
}

TEST_CASE("split_request_target refuses what cannot be signed", "[auth][url]") {
  CHECK_FALSE(split_request_target("/relative"));
  CHECK_FALSE(split_request_target("ftp://host/"));
  CHECK_FALSE(split_request_target("http://:80/"));
  CHECK_FALSE(split_request_target("http://host:99999/"));
  CHECK_FALSE(split_request_target("http://host:8x/"));
}

TEST_CASE("query helpers and RFC 3986 encoding", "[auth][url]") {
  auto pairs = split_query("a=1&&b&c=x=y");
  REQUIRE(pairs.size() == 3);
  CHECK(pairs[1] == std::pair<std::string, std::string>{"b", ""});
  CHECK(pairs[2].second == "x=y");
  CHECK(percent_encode("a b/~*\xc3\xa9") == "a%20b%2F~%2A%C3%A9");
  CHECK(percent_encode("/p q", true) == "/p%20q");
  CHECK(append_query("http://h/p#f", "k=v") == "http://h/p?k=v#f");
  CHECK(append_query("http://h/p?a=1", "k=v") == "http://h/p?a=1&k=v");
  CHECK(quote_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
}

TEST_CASE("with_target replaces the path and query only", "[auth][url]") {
  CHECK(with_target("https://h:8443/a?b=1#f", "/x%20y", "k=v") == "https://h:8443/x%20y?k=v#f");
  CHECK(with_target("http://u@h?q", "/", "") == "http://u@h/");
  CHECK(with_target("http://[::1]/p", "/p", "a") == "http://[::1]/p?a");
}
