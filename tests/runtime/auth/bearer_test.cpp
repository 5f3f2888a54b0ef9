#include <catch2/catch.hpp>

#include "runtime/auth/scheme_registry.hpp"
#include "scheme_test_support.hpp"

using namespace postern::auth;
using postern::testing::apply_scheme;

TEST_CASE("bearer replaces a caller's Authorization header", "[auth][bearer]") {
  auto scheme = make_auth_scheme("bearer", {{"token", "t0k"}}, system_context());
  REQUIRE(scheme);
  HttpRequest request{"GET", "http://h/", {{"authorization", "old"}, {"X", "1"}}, ""};
  REQUIRE(scheme.value()->create_response(request));
  CHECK(all_headers(request.headers, "Authorization") == std::vector<std::string>{"Bearer t0k"});
  CHECK_FALSE(make_auth_scheme("bearer", {}, system_context()));
}
