#include "cli/report.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace postern;
using namespace postern::cli;

TEST_CASE("text reports show status, target, code, fix and the failed command", "[cli][report]") {
  auto bad = base::failed("nss", "sql:/h/.pki/nssdb", "COMMAND_FAILED",
                          "certutil could not add the CA", "check the database");
  bad.commands.push_back(
      {{"certutil", "-A", "-n", "Postern Proxy CA 1"}, 255, "line one\nline two"});
  std::ostringstream out;
  int code = report(out, {}, {base::done("system", "/anchors", "added"), bad});
  CHECK(code == kFailure);
  const std::string text = out.str();
  CHECK(text.find("done     system  /anchors") != std::string::npos);
  CHECK(text.find("FAILED   nss  sql:/h/.pki/nssdb") != std::string::npos);
  CHECK(text.find("[COMMAND_FAILED] certutil could not add the CA") != std::string::npos);
  CHECK(text.find("fix: check the database") != std::string::npos);
  CHECK(text.find("ran: certutil -A -n 'Postern Proxy CA 1'  (exit 255)") != std::string::npos);
  CHECK(text.find("| line two") != std::string::npos);
}

TEST_CASE("JSON reports are one document with ok, outcomes and extra fields", "[cli][report]") {
  std::ostringstream out;
  int code = report(out, {true}, {base::already("nss", "db", "there")}, {{"ca", "x"}});
  CHECK(code == kSuccess);
  auto json = nlohmann::json::parse(out.str());
  CHECK(json["ok"] == true);
  CHECK(json["ca"] == "x");
  REQUIRE(json["outcomes"].size() == 1);
  CHECK(json["outcomes"][0]["status"] == "already");
}

TEST_CASE("errors print the message and the fix, or a JSON error", "[cli][report]") {
  base::Error error{std::make_error_code(std::errc::permission_denied), "cannot read /x",
                    "chmod it"};
  std::ostringstream text, json;
  CHECK(report_error(text, {}, error) == kFailure);
  CHECK(text.str() == "error: cannot read /x\n  fix: chmod it\n");
  CHECK(report_error(json, {true}, error) == kFailure);
  auto parsed = nlohmann::json::parse(json.str());
  CHECK(parsed["ok"] == false);
  CHECK(parsed["error"]["message"] == "cannot read /x");
  CHECK(parsed["error"]["remedy"] == "chmod it");
}
