#include "runtime/auth/http_message.hpp"

#include <catch2/catch.hpp>

using namespace postern::auth;

TEST_CASE("header helpers compare names without case and keep order", "[auth][message]") {
  std::vector<Header> headers{{"Accept", "a"}, {"X-One", "1"}, {"x-one", "2"}, {"Host", "h"}};
  CHECK(find_header(headers, "X-ONE") == "1");
  CHECK(all_headers(headers, "x-One") == std::vector<std::string>{"1", "2"});
  set_header(headers, "X-One", "3");
  REQUIRE(headers.size() == 3);
  CHECK(headers[1].value == "3");
  CHECK(headers[2].name == "Host");
  set_header(headers, "New", "n");
  CHECK(headers.back().name == "New");
  remove_header(headers, "accept");
  CHECK_FALSE(find_header(headers, "Accept"));
  CHECK(equals_ignoring_case("Digest", "dIGEST"));
  CHECK_FALSE(equals_ignoring_case("Digest", "Digests"));
}
