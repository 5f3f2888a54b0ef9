#include <catch2/catch.hpp>

#include "runtime/auth/scheme_registry.hpp"
#include "scheme_test_support.hpp"

using namespace postern::auth;
using postern::testing::apply_scheme;

TEST_CASE("noauth leaves the request alone", "[auth][noauth]") {
  auto request = apply_scheme("noauth", {});
  CHECK(request.headers.size() == 1);
  CHECK(request.url == "https://api.example.com/v1?x=1");
}
