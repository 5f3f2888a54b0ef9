#include "runtime/control/client/cookie_types.hpp"

#include <catch2/catch.hpp>

using namespace postern::control_client;
using nlohmann::json;

namespace {

json cookie_json() {
  return {{"name", "sid"},           {"value", "abc"},
          {"domain", "example.com"}, {"path", "/"},
          {"host_only", true},       {"secure", true},
          {"http_only", false},      {"same_site", "lax"},
          {"expires", nullptr},      {"created_at", "2026-11-22T10:00:00.000Z"}};
}

}  // namespace

TEST_CASE("cookies, an added one or a removal, and import results read", "[client][types]") {
  std::string problem;
  const json list = {{"cookies", {cookie_json()}}};
  const auto cookies = read_cookie_list(JsonFields(list, "", problem));
  REQUIRE(cookies.size() == 1);
  CHECK(cookies[0].host_only);
  CHECK_FALSE(cookies[0].expires);

  const json stored = cookie_json();
  const CookieAdded added = read_cookie_added(JsonFields(stored, "", problem));
  REQUIRE(added.cookie);
  CHECK(added.cookie->name == "sid");
  const json removal = {{"removed", 1}};
  const CookieAdded removed = read_cookie_added(JsonFields(removal, "", problem));
  CHECK_FALSE(removed.cookie);
  CHECK(removed.removed == 1);

  const json imported = {{"imported", 2},
                         {"expired", 1},
                         {"refused",
                          {{{"line", "x"}, {"reason", "not 7 fields"}},
                           {{"domain", "com"}, {"name", "a"}, {"reason", "public suffix"}}}}};
  const CookieImport result = read_cookie_import(JsonFields(imported, "", problem));
  CHECK(result.imported == 2);
  REQUIRE(result.refused.size() == 2);
  CHECK(result.refused[0].line == "x");
  CHECK(result.refused[1].domain == "com");
  const json to_jar = {{"added", 1}, {"removed", 0}, {"refused", json::array()}};
  CHECK(read_to_jar(JsonFields(to_jar, "", problem)).added == 1);
  CHECK(problem.empty());
}

TEST_CASE("a malformed cookie names the field", "[client][types]") {
  json list = {{"cookies", {cookie_json()}}};
  list["cookies"][0]["secure"] = "yes";
  std::string problem;
  read_cookie_list(JsonFields(list, "", problem));
  CHECK(problem == "cookies[0].secure: expected true or false");
}
