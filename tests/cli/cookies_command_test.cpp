#include "cli/cookies_command.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

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
    add_cookies_command(app, output, exit_code, h.env());
  });
}

}  // namespace

TEST_CASE("cookies list asks the jar, for one domain when given", "[cli][cookies]") {
  testing::CliHarness h;
  h.api.reply(200, {{"cookies", json::array()}});
  CHECK(run(h, {"cookies", "list"}) == kSuccess);
  CHECK(h.api.requests.at(0).target == "/v1/cookies");
  CHECK(h.out.str() == "the cookie jar is empty\n");

  testing::CliHarness one;
  one.api.reply(200, {{"cookies", json::array()}});
  CHECK(run(one, {"cookies", "list", "--domain", "example.com", "--json"}) == kSuccess);
  CHECK(one.api.requests.at(0).target == "/v1/cookies?domain=example.com");
  CHECK(one.out_json() == json{{"cookies", json::array()}});
}

TEST_CASE("cookies add sends the URL and the Set-Cookie line", "[cli][cookies]") {
  testing::CliHarness h;
  h.api.reply(201, {{"name", "sid"}, {"domain", "example.com"}, {"path", "/"}});
  CHECK(run(h, {"cookies", "add", "--url", "https://example.com/login", "sid=1; Path=/; Secure"}) ==
        kSuccess);
  CHECK(h.api.requests.at(0).method == "POST");
  CHECK(h.api.requests.at(0).target == "/v1/cookies");
  CHECK(h.api.last_body() ==
        json{{"url", "https://example.com/login"}, {"set_cookie", "sid=1; Path=/; Secure"}});
  CHECK(h.out.str() == "added cookie sid for example.com/ (expires session)\n");

  testing::CliHarness bad;
  CHECK(run(bad, {"cookies", "add", "--url", "ftp://x/", "a=1"}) == kUsage);
  CHECK(run(bad, {"cookies", "add", "--url", "example.com", "a=1"}) == kUsage);
  CHECK(run(bad, {"cookies", "add", "a=1"}) == kUsage);
  CHECK(bad.api.connect_attempts == 0);
}

TEST_CASE("cookies delete needs a domain; clear empties the jar", "[cli][cookies]") {
  testing::CliHarness h;
  CHECK(run(h, {"cookies", "delete"}) == kUsage);
  CHECK(run(h, {"cookies", "delete", "--name", "sid"}) == kUsage);
  CHECK(h.api.connect_attempts == 0);

  h.api.reply(200, {{"removed", 1}});
  CHECK(run(h, {"cookies", "delete", "--domain", "example.com", "--path", "/a b", "--name",
                "sid"}) == kSuccess);
  CHECK(h.api.requests.at(0).method == "DELETE");
  CHECK(h.api.requests.at(0).target == "/v1/cookies?domain=example.com&path=%2Fa%20b&name=sid");
  CHECK(h.out.str() == "removed 1 cookie\n");

  testing::CliHarness clear;
  clear.api.reply(200, {{"removed", 4}});
  CHECK(run(clear, {"cookies", "clear"}) == kSuccess);
  CHECK(clear.api.requests.at(0).method == "DELETE");
  CHECK(clear.api.requests.at(0).target == "/v1/cookies");
  CHECK(clear.out.str() == "removed 4 cookies\n");
}

TEST_CASE("cookies export writes cookies.txt for the owner only", "[cli][cookies]") {
  testing::TempDir dir;
  const fs::path file = dir / "cookies.txt";
  testing::CliHarness h;
  h.api.reply_text(200, "# Netscape HTTP Cookie File\n");
  CHECK(run(h, {"cookies", "export", "--netscape", file.string()}) == kSuccess);
  CHECK(h.api.requests.at(0).target == "/v1/cookies/export?format=netscape");
  CHECK(testing::file_text(file) == "# Netscape HTTP Cookie File\n");
  struct stat info {};
  REQUIRE(::stat(file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(h.out.str().find(file.string()) != std::string::npos);

  testing::CliHarness usage;
  CHECK(run(usage, {"cookies", "export"}) == kUsage);
}

TEST_CASE("cookies import sends the file as text", "[cli][cookies]") {
  testing::TempDir dir;
  const fs::path file = dir / "cookies.txt";
  std::ofstream(file) << ".example.com\tTRUE\t/\tFALSE\t0\tsid\t1\n";
  testing::CliHarness h;
  h.api.reply(200, {{"imported", 1}, {"refused", json::array()}});
  CHECK(run(h, {"cookies", "import", file.string()}) == kSuccess);
  CHECK(h.api.requests.at(0).method == "POST");
  CHECK(h.api.requests.at(0).target == "/v1/cookies/import?format=netscape");
  CHECK(h.api.requests.at(0).content_type == "text/plain");
  CHECK(h.api.requests.at(0).body == ".example.com\tTRUE\t/\tFALSE\t0\tsid\t1\n");
  CHECK(h.out.str() == "imported 1 cookies\n");

  testing::CliHarness missing;
  CHECK(run(missing, {"cookies", "import", (dir / "none.txt").string()}) == kFailure);
  CHECK(missing.api.connect_attempts == 0);

  const fs::path big = dir / "big.txt";
  std::ofstream(big) << std::string(kMaxCookieImport + 1, '#');
  testing::CliHarness too_big;
  CHECK(run(too_big, {"cookies", "import", big.string()}) == kFailure);
  CHECK(too_big.err.str().find("1 MiB") != std::string::npos);
  CHECK(too_big.api.connect_attempts == 0);
}
