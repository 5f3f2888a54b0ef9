#include "base/outcome_json.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace postern::base;

TEST_CASE("an outcome's JSON carries every field and the failed command", "[base][json]") {
  auto outcome = failed("nss", "sql:/t/db", "COMMAND_FAILED", "certutil failed", "see output");
  outcome.step = "install";
  outcome.commands.push_back({{"certutil", "-A", "-n", "A B"}, 255, "SEC_ERROR_BAD_DATABASE"});
  auto json = to_json(outcome);
  CHECK(json["status"] == "failed");
  CHECK(json["step"] == "install");
  CHECK(json["store"] == "nss");
  CHECK(json["target"] == "sql:/t/db");
  CHECK(json["code"] == "COMMAND_FAILED");
  CHECK(json["remedy"] == "see output");
  REQUIRE(json["commands"].size() == 1);
  CHECK(json["commands"][0]["command"] == "certutil -A -n 'A B'");
  CHECK(json["commands"][0]["exit_code"] == 255);
  CHECK(json["commands"][0]["output"] == "SEC_ERROR_BAD_DATABASE");
}
