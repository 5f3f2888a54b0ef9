#include "runtime/auth/auth_params.hpp"

#include <catch2/catch.hpp>

#include "runtime/auth/errc.hpp"

using namespace postern::auth;

TEST_CASE("auth params: empty counts as absent, flags read Postman's spellings", "[auth][params]") {
  AuthParams params{{"username", "u"},
                    {"realm", ""},
                    {"disableRetryRequest", "true"},
                    {"addEmptyParamsToSign", "0"},
                    {"odd", "maybe"}};
  CHECK(params.has("username"));
  CHECK_FALSE(params.has("realm"));
  CHECK(params.text("realm", "fallback") == "fallback");
  CHECK(params.flag("disableRetryRequest"));
  CHECK_FALSE(params.flag("addEmptyParamsToSign", true));
  CHECK(params.flag("odd", true));
  auto missing = params.required("password", "digest");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == errc::missing_parameter);
  CHECK(missing.error().message == "digest: the parameter \"password\" is required");
  CHECK(std::error_code(errc::bad_challenge).message().find("challenge") != std::string::npos);
}
