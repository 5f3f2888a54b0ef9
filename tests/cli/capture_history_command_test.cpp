#include "cli/capture_history_command.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "cli/capture_command.hpp"
#include "cli_harness.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::cli;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

int run(testing::CliHarness& h, const std::vector<std::string>& args) {
  return h.run(args, [&](CLI::App& app, OutputOptions& output, int& exit_code) {
    add_capture_command(app, output, exit_code, h.env());
  });
}

}  // namespace

TEST_CASE("capture list asks for the sessions", "[cli][history]") {
  testing::CliHarness h;
  h.api.reply(200, {{"sessions", json::array()}});
  CHECK(run(h, {"capture", "list"}) == kSuccess);
  CHECK(h.api.requests.at(0).method == "GET");
  CHECK(h.api.requests.at(0).target == "/v1/sessions");
  CHECK(h.out.str().find("no capture sessions yet") != std::string::npos);
}

TEST_CASE("capture show pages through exchanges with an escaped search", "[cli][history]") {
  testing::CliHarness h;
  const json page = {{"items", json::array()}, {"total", 0}, {"page", 3}, {"per_page", 20}};
  h.api.reply(200, page);
  CHECK(run(h, {"capture", "show", "12", "--search", "a b&c", "--page", "3", "--per-page", "20",
                "--json"}) == kSuccess);
  CHECK(h.api.requests.at(0).target ==
        "/v1/sessions/12/exchanges?search=a%20b%26c&page=3&per_page=20");
  CHECK(h.out_json() == page);

  testing::CliHarness plain;
  plain.api.reply(200, page);
  CHECK(run(plain, {"capture", "show", "12"}) == kSuccess);
  CHECK(plain.api.requests.at(0).target == "/v1/sessions/12/exchanges");
}

TEST_CASE("capture show --overview and --cookies use their routes", "[cli][history]") {
  testing::CliHarness h;
  h.api.reply(200, {{"total", 0}});
  CHECK(run(h, {"capture", "show", "5", "--overview"}) == kSuccess);
  CHECK(h.api.requests.at(0).target == "/v1/sessions/5/overview");
  CHECK(h.out.str().rfind("0 exchanges\n", 0) == 0);

  testing::CliHarness cookies;
  cookies.api.reply(200, {{"cookies", json::array()}});
  CHECK(run(cookies, {"capture", "show", "5", "--cookies"}) == kSuccess);
  CHECK(cookies.api.requests.at(0).target == "/v1/sessions/5/cookies");
}

TEST_CASE("capture show refuses views that cannot go together", "[cli][history]") {
  testing::CliHarness h;
  CHECK(run(h, {"capture", "show", "5", "--overview", "--cookies"}) == kUsage);
  CHECK(run(h, {"capture", "show", "5", "--overview", "--page", "2"}) == kUsage);
  CHECK(run(h, {"capture", "show", "5", "--cookies", "--search", "x"}) == kUsage);
  CHECK(run(h, {"capture", "show", "5", "--per-page", "1001"}) == kUsage);
  CHECK(run(h, {"capture", "show", "5", "--page", "0"}) == kUsage);
  CHECK(run(h, {"capture", "show", "zero"}) == kUsage);
  CHECK(run(h, {"capture", "show"}) == kUsage);
  CHECK(h.err.str().find("--overview excludes --cookies") != std::string::npos);
  CHECK(h.api.connect_attempts == 0);
}

TEST_CASE("capture exchange, rename and delete", "[cli][history]") {
  testing::CliHarness h;
  h.api.reply(200, {{"id", 9}, {"method", "GET"}, {"url", "http://a/"}, {"status", 200}});
  CHECK(run(h, {"capture", "exchange", "9"}) == kSuccess);
  CHECK(h.api.requests.at(0).target == "/v1/exchanges/9");
  CHECK(h.out.str().rfind("exchange 9: GET http://a/\n", 0) == 0);

  testing::CliHarness rename;
  rename.api.reply(200, {{"id", 3}, {"name", "new name"}});
  CHECK(run(rename, {"capture", "rename", "3", "new name"}) == kSuccess);
  CHECK(rename.api.requests.at(0).method == "PATCH");
  CHECK(rename.api.requests.at(0).target == "/v1/sessions/3");
  CHECK(rename.api.last_body() == json{{"name", "new name"}});
  CHECK(rename.out.str().rfind("session 3 \"new name\"", 0) == 0);

  testing::CliHarness remove;
  remove.api.reply_text(204, "");
  CHECK(run(remove, {"capture", "delete", "3", "--json"}) == kSuccess);
  CHECK(remove.api.requests.at(0).method == "DELETE");
  CHECK(remove.api.requests.at(0).target == "/v1/sessions/3");
  CHECK(remove.out_json() == json{{"deleted", true}, {"session_id", 3}});

  testing::CliHarness missing;
  missing.api.reply_error(404, "NOT_FOUND", "no session 3");
  CHECK(run(missing, {"capture", "delete", "3"}) == kFailure);
  CHECK(missing.err.str().find("error: no session 3 (404 NOT_FOUND)") == 0);
}

TEST_CASE("capture export writes the HAR file atomically, readable by all", "[cli][history]") {
  testing::TempDir dir;
  const fs::path file = dir / "out" / "s.har";
  testing::CliHarness h;
  h.api.reply_text(200, R"({"log":{"version":"1.2"}})", "application/json");
  CHECK(run(h, {"capture", "export", "7", "--har", file.string()}) == kSuccess);
  CHECK(h.api.requests.at(0).target == "/v1/sessions/7/export?format=har");
  CHECK(testing::file_text(file) == R"({"log":{"version":"1.2"}})");
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0644);
  CHECK(h.out.str() == "wrote session 7 as HAR 1.2 to " + file.string() + " (25 B)\n");
}

TEST_CASE("capture export of a collection passes the grouping", "[cli][history]") {
  testing::TempDir dir;
  testing::CliHarness h;
  h.api.reply_text(200, "{}", "application/json");
  CHECK(run(h, {"capture", "export", "7", "--collection", (dir / "c.json").string(), "--group-by",
                "domain,endpoint", "--json"}) == kSuccess);
  CHECK(h.api.requests.at(0).target ==
        "/v1/sessions/7/export?format=collection&group_by=domain,endpoint");
  CHECK(h.out_json() ==
        json{{"path", (dir / "c.json").string()}, {"format", "collection"}, {"bytes", 2}});
}

TEST_CASE("capture export needs exactly one format; failures write nothing", "[cli][history]") {
  testing::TempDir dir;
  testing::CliHarness h;
  CHECK(run(h, {"capture", "export", "7"}) == kUsage);
  CHECK(h.err.str().find("--har PATH or --collection PATH") != std::string::npos);
  CHECK(run(h, {"capture", "export", "7", "--har", "a", "--collection", "b"}) == kUsage);
  CHECK(run(h, {"capture", "export", "7", "--har", "a", "--group-by", "domain"}) == kUsage);
  CHECK(run(h, {"capture", "export", "7", "--collection", "a", "--group-by", "x"}) == kUsage);
  CHECK(h.api.connect_attempts == 0);

  testing::CliHarness missing;
  missing.api.reply_error(404, "NOT_FOUND", "no session 7");
  CHECK(run(missing, {"capture", "export", "7", "--har", (dir / "x.har").string()}) == kFailure);
  CHECK_FALSE(fs::exists(dir / "x.har"));
}

TEST_CASE("capture cookies-to-jar sends the chosen exchanges", "[cli][history]") {
  testing::CliHarness h;
  h.api.reply(200, {{"added", 1}, {"refused", json::array()}});
  CHECK(run(h, {"capture", "cookies-to-jar", "4", "--exchange", "10", "--exchange", "11"}) ==
        kSuccess);
  CHECK(h.api.requests.at(0).method == "POST");
  CHECK(h.api.requests.at(0).target == "/v1/sessions/4/cookies/to-jar");
  CHECK(h.api.last_body() == json{{"exchange_ids", {10, 11}}});
  CHECK(h.out.str() == "added 1 cookies to the jar\n");

  testing::CliHarness all;
  all.api.reply(200, {{"added", 0}});
  CHECK(run(all, {"capture", "cookies-to-jar", "4"}) == kSuccess);
  CHECK(all.api.last_body() == json::object());
}
