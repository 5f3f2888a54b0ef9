#include "cli/call_remedies.hpp"

#include <catch2/catch.hpp>

using namespace postern::cli;
using postern::control_client::CallFailure;

TEST_CASE("API error codes get a next step naming postern commands", "[cli][call]") {
  auto active = with_cli_remedy(CallFailure{"SESSION_ACTIVE", "session 4 is running", "", 409});
  CHECK(active.remedy.find("postern capture stop") != std::string::npos);
  CHECK(active.message == "session 4 is running");
  CHECK(active.status == 409);
  CHECK(with_cli_remedy(CallFailure{"NO_ACTIVE_SESSION", "none", "", 409}).remedy ==
        "start one with `postern capture start`");
  CHECK(with_cli_remedy(CallFailure{"BAD_FIELD", "name: too long", "", 400}).remedy.empty());
}

TEST_CASE("an unknown endpoint means an older runtime", "[cli][call]") {
  auto old_runtime =
      with_cli_remedy(CallFailure{"NOT_FOUND", "no such endpoint: /v1/sessions", "", 404});
  CHECK(old_runtime.remedy.find("older than this postern") != std::string::npos);
  auto unknown_id = with_cli_remedy(CallFailure{"NOT_FOUND", "no session 9", "", 404});
  CHECK(unknown_id.remedy.find("postern capture list") != std::string::npos);
}

TEST_CASE("a remedy that came with the failure is kept", "[cli][call]") {
  CHECK(with_cli_remedy(CallFailure{"RUNTIME_NOT_RUNNING", "down", "start it", 0}).remedy ==
        "start it");
}
