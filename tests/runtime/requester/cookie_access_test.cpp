#include "runtime/requester/cookie_access.hpp"

#include <catch2/catch.hpp>

#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::requester;

TEST_CASE("JarCookieAccess stores what a browser would and saves the file",
          "[requester][cookies]") {
  postern::testing::TempDir home;
  auto service = cookies::CookieJarService::open(home.path() / "cookies.json");
  REQUIRE(service);
  JarCookieAccess access(*service.value());
  auto stored = access.store("https://api.example.com/v1/login",
                             {"a=1; Max-Age=3600; Path=/", "b=2; Domain=com", "c=3; Secure"});
  CHECK(stored == 2);  // Domain=com is a public suffix
  // c has the default path /v1 (RFC 6265 §5.1.4) and, being longer, comes first (§5.4).
  CHECK(access.cookie_header_for("https://api.example.com/v1/x") == "c=3; a=1");
  CHECK(access.cookie_header_for("https://api.example.com/x") == "a=1");
  CHECK(access.cookie_header_for("http://api.example.com/v1/x") == "a=1");
  CHECK(access.cookie_header_for("https://other.example.com/").empty());
  CHECK(access.cookie_header_for("not a url").empty());
  auto reopened = cookies::CookieJarService::open(home.path() / "cookies.json");
  REQUIRE(reopened);
  CHECK(reopened.value()->jar().size() == 1);  // the persistent one
}
