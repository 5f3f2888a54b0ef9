#include <catch2/catch.hpp>

#include "runtime/auth/scheme_registry.hpp"
#include "scheme_test_support.hpp"

using namespace postern::auth;
using postern::testing::apply_scheme;

TEST_CASE("apikey goes to a header by default, or to the query encoded", "[auth][apikey]") {
  auto header = apply_scheme("apikey", {{"key", "X-Api-Key"}, {"value", "s3cret"}});
  CHECK(find_header(header.headers, "X-Api-Key") == "s3cret");
  CHECK(header.url == "https://api.example.com/v1?x=1");
  auto query = apply_scheme("apikey", {{"key", "api key"}, {"value", "a&b"}, {"in", "query"}});
  CHECK(query.url == "https://api.example.com/v1?x=1&api%20key=a%26b");
  CHECK_FALSE(make_auth_scheme("apikey", {{"key", "k"}, {"in", "cookie"}}, system_context()));
}
