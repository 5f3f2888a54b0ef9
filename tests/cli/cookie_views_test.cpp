#include "cli/cookie_views.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace postern::cli;
using nlohmann::json;

namespace {

json cookie(const std::string& name, json expires) {
  return {{"name", name},
          {"value", std::string(50, 'v')},
          {"domain", "example.com"},
          {"path", "/"},
          {"host_only", true},
          {"secure", true},
          {"http_only", false},
          {"same_site", "lax"},
          {"expires", expires},
          {"created_at", "2026-11-22T10:00:00.000Z"}};
}

template <class View>
std::string render(View view, const json& doc) {
  std::ostringstream out;
  view(out, doc);
  return out.str();
}

}  // namespace

TEST_CASE("the jar is a table with shortened values and flags", "[cli][cookies]") {
  CHECK(render(print_cookie_jar, json{{"cookies", json::array()}}) == "the cookie jar is empty\n");
  const auto text = render(
      print_cookie_jar,
      json{{"cookies", {cookie("sid", nullptr), cookie("pref", "2027-01-01T00:00:00.000Z")}}});
  CHECK(text.find("DOMAIN       PATH  NAME  VALUE") == 0);
  CHECK(text.find("example.com  /     sid   " + std::string(39, 'v') + "\u2026  session") !=
        std::string::npos);
  CHECK(text.find("2027-01-01 00:00:00  secure host-only samesite=lax\n") != std::string::npos);
  CHECK(text.substr(text.size() - 10) == "2 cookies\n");
}

TEST_CASE("added, removed and imported cookies are counted", "[cli][cookies]") {
  CHECK(render(print_cookie_added, cookie("sid", nullptr)) ==
        "added cookie sid for example.com/ (expires session)\n");
  CHECK(render(print_cookies_removed, json{{"removed", 1}}) == "removed 1 cookie\n");
  CHECK(render(print_cookies_removed, json{{"removed", 3}}) == "removed 3 cookies\n");
  CHECK(render(print_cookie_import,
               json{{"imported", 2},
                    {"refused", {{{"line", 4}, {"reason", "bad expiry"}}, "raw line"}}}) ==
        "imported 2 cookies\n"
        "  refused 4: bad expiry\n"
        "  refused raw line\n");
}
