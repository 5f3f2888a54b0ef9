#include "cli/control_command.hpp"

#include <catch2/catch.hpp>

#include "cli_harness.hpp"

using namespace postern;
using namespace postern::cli;
using namespace postern::control_client;
using nlohmann::json;

namespace {

const JsonView kView = [](std::ostream& out, const json& doc) {
  out << "view of " << doc["id"] << "\n";
};

}  // namespace

TEST_CASE("a runtime that is not running is a sentence with a fix, or a JSON error",
          "[cli][command]") {
  testing::CliHarness harness;
  harness.api.connects = {false, false};
  const auto env = harness.env();
  bool ran = false;
  auto body = [&](ControlApi&) {
    ran = true;
    return kSuccess;
  };
  CHECK(with_control(env, {}, body) == kFailure);
  CHECK_FALSE(ran);
  CHECK(harness.err.str() ==
        "error: the runtime is not running (there is no control.json)\n"
        "  fix: start it with `postern runtime start`\n");
  CHECK(harness.out.str().empty());

  CHECK(with_control(env, {true}, body) == kFailure);
  const auto doc = harness.out_json();
  CHECK(doc["error"]["code"] == "RUNTIME_NOT_RUNNING");
  CHECK(doc["error"]["remedy"] == "start it with `postern runtime start`");
  CHECK_FALSE(doc["error"].contains("status"));
}

TEST_CASE("present prints the API's JSON with --json and the view otherwise", "[cli][command]") {
  testing::CliHarness harness;
  const auto env = harness.env();
  CHECK(present(env, {}, json{{"id", 3}}, kView) == kSuccess);
  CHECK(harness.out.str() == "view of 3\n");
  harness.out.str("");
  CHECK(present(env, {true}, json{{"id", 3}, {"url", "\xff"}}, kView) == kSuccess);
  CHECK(harness.out_json()["id"] == 3);  // invalid UTF-8 replaced, not thrown
}

TEST_CASE("an API error shows its status and code", "[cli][command]") {
  testing::CliHarness harness;
  const auto env = harness.env();
  const CallFailure failure{"SESSION_ACTIVE", "session 4 is running", "stop it", 409};
  CHECK(present(env, {}, failure, kView) == kFailure);
  CHECK(harness.err.str() == "error: session 4 is running (409 SESSION_ACTIVE)\n  fix: stop it\n");
  CHECK(print_failure(env, {true}, failure) == kFailure);
  CHECK(harness.out_json() == json{{"error",
                                    {{"code", "SESSION_ACTIVE"},
                                     {"message", "session 4 is running"},
                                     {"remedy", "stop it"},
                                     {"status", 409}}}});
}

TEST_CASE("the real environment prints to the process's streams", "[cli][command]") {
  const auto env = default_control_env();
  CHECK(env.out == &std::cout);
  CHECK(env.err == &std::cerr);
  CHECK(static_cast<bool>(env.connect));
}
