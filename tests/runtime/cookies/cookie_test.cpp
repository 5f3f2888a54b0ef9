#include "runtime/cookies/cookie.hpp"

#include <catch2/catch.hpp>

using namespace postern::cookies;
using namespace std::chrono;

TEST_CASE("SameSite values round-trip through their spelling") {
  for (SameSite value : {SameSite::unspecified, SameSite::none, SameSite::lax, SameSite::strict})
    CHECK(same_site_from_string(to_string(value)) == value);
  CHECK(to_string(SameSite::none) == "none");
  CHECK_FALSE(same_site_from_string("Lax"));  // the file spelling is lower case
  CHECK_FALSE(same_site_from_string(""));
}

TEST_CASE("a cookie with an expiry is persistent and expires at that second") {
  Cookie cookie;
  CHECK_FALSE(cookie.persistent());
  CHECK_FALSE(cookie.expired(Time{seconds{1'000'000}}));
  cookie.expires = Time{seconds{100}};
  CHECK(cookie.persistent());
  CHECK_FALSE(cookie.expired(Time{seconds{99}}));
  CHECK(cookie.expired(Time{seconds{100}}));
}

TEST_CASE("identity is name, domain, host-only flag and path") {
  Cookie a{.name = "id", .value = "1", .domain = "example.com"};
  Cookie b = a;
  b.value = "2";
  b.secure = true;
  CHECK(a.same_identity(b));
  b.host_only = false;
  CHECK_FALSE(a.same_identity(b));
  b = a;
  b.path = "/docs";
  CHECK_FALSE(a.same_identity(b));
  b = a;
  b.domain = "www.example.com";
  CHECK_FALSE(a.same_identity(b));
}
