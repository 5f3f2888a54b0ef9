#include <catch2/catch.hpp>

#include "runtime/auth/scheme_registry.hpp"
#include "scheme_test_support.hpp"

using namespace postern::auth;
using postern::testing::apply_scheme;

TEST_CASE("oauth2 puts the token in the header with its prefix or in the URL", "[auth][oauth2]") {
  CHECK(find_header(apply_scheme("oauth2", {{"accessToken", "abc"}}).headers, "Authorization") ==
        "Bearer abc");
  CHECK(
      find_header(apply_scheme("oauth2", {{"accessToken", "abc"}, {"headerPrefix", "MAC"}}).headers,
                  "Authorization") == "MAC abc");
  CHECK(find_header(apply_scheme("oauth2", {{"accessToken", "abc"}, {"headerPrefix", ""}}).headers,
                    "Authorization") == "abc");
  auto in_url = apply_scheme("oauth2", {{"accessToken", "a+b"}, {"addTokenTo", "queryParams"}});
  CHECK(in_url.url == "https://api.example.com/v1?x=1&access_token=a%2Bb");
  CHECK_FALSE(find_header(in_url.headers, "Authorization"));
}
