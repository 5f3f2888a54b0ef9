#include "runtime/control/client/cookie_api.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "fake_control_api.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::control_client;
using nlohmann::json;
using testing::FakeControlApi;

TEST_CASE("the jar's calls send the documented requests", "[client][cookies]") {
  FakeControlApi fake;
  auto api = fake.api();
  CookieApi jar(*api);
  fake.reply(200, {{"cookies", json::array()}});
  REQUIRE(jar.list("example.com"));
  CHECK(fake.requests.back().target == "/v1/cookies?domain=example.com");

  fake.reply(200, {{"removed", 1}});
  auto expired = jar.add("https://example.com/", "sid=; Max-Age=0");
  REQUIRE(expired);
  CHECK(expired.value().removed == 1);
  CHECK(fake.last_body() ==
        json{{"url", "https://example.com/"}, {"set_cookie", "sid=; Max-Age=0"}});

  fake.reply(200, {{"removed", 2}});
  auto removed = jar.remove({"example.com", "/", "sid"});
  REQUIRE(removed);
  CHECK(removed.value() == 2);
  CHECK(fake.requests.back().target == "/v1/cookies?domain=example.com&path=%2F&name=sid");

  fake.reply(200, {{"cookie", "a=1; b=2"}});
  auto header = jar.header_for("https://example.com/a b");
  REQUIRE(header);
  CHECK(header.value() == "a=1; b=2");
  CHECK(fake.requests.back().target == "/v1/cookies/header?url=https%3A%2F%2Fexample.com%2Fa%20b");

  const auto sent = fake.requests.size();
  CHECK(jar.remove({}).error().code == "BAD_FIELD");  // would clear the jar: never sent
  CHECK(fake.requests.size() == sent);

  fake.reply(200, {{"removed", 5}});
  CHECK(jar.clear().value() == 5);
  CHECK(fake.requests.back().target == "/v1/cookies");

  fake.reply(200, {{"imported", 1}, {"expired", 0}, {"refused", json::array()}});
  auto imported = jar.import_netscape("# Netscape HTTP Cookie File\n");
  REQUIRE(imported);
  CHECK(imported.value().imported == 1);
  CHECK(fake.requests.back().content_type == "text/plain");
}

TEST_CASE("cookies.txt is written readable by the user only", "[client][cookies]") {
  testing::TempDir dir;
  FakeControlApi fake;
  auto api = fake.api();
  fake.reply_text(200, "# Netscape HTTP Cookie File\n");
  auto written = CookieApi(*api).export_netscape(dir / "cookies.txt");
  REQUIRE(written);
  CHECK(written.value() == 28);
  CHECK(testing::file_text(dir / "cookies.txt") == "# Netscape HTTP Cookie File\n");
  struct stat info {};
  REQUIRE(::stat((dir / "cookies.txt").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
}
