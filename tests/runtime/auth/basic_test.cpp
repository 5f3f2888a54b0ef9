#include <catch2/catch.hpp>

#include "runtime/auth/scheme_registry.hpp"
#include "scheme_test_support.hpp"

using namespace postern::auth;
using postern::testing::apply_scheme;

TEST_CASE("basic uses RFC 7617's example and refuses a colon in the user", "[auth][basic]") {
  auto request = apply_scheme("basic", {{"username", "Aladdin"}, {"password", "open sesame"}});
  CHECK(find_header(request.headers, "authorization") == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  auto colon = make_auth_scheme("basic", {{"username", "a:b"}}, system_context());
  REQUIRE_FALSE(colon);
  CHECK(colon.error().message.find("username") != std::string::npos);
}
