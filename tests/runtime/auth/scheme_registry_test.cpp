#include "runtime/auth/scheme_registry.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "runtime/auth/errc.hpp"

using namespace postern::auth;

TEST_CASE("the registry knows every Postman auth type once", "[auth][registry]") {
  std::set<std::string_view> types;
  for (const auto& entry : auth_schemes())
    CHECK(types.insert(entry.type).second);
  for (auto type : {"noauth", "apikey", "bearer", "basic", "digest", "oauth1", "oauth2", "hawk",
                    "awsv4", "ntlm", "edgegrid"}) {
    CHECK(types.contains(type));
  }
}

TEST_CASE("an unknown type is an error listing the known ones", "[auth][registry]") {
  auto scheme = make_auth_scheme("kerberos", {}, system_context());
  REQUIRE_FALSE(scheme);
  CHECK(scheme.error().code == errc::unknown_scheme);
  CHECK(scheme.error().remedy.find("digest") != std::string::npos);
  auto upper = make_auth_scheme("BEARER", {{"token", "x"}}, system_context());
  REQUIRE(upper);
  CHECK(upper.value()->type() == "bearer");
}
