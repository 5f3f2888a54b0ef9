#include "cli/capture_command.hpp"

#include <catch2/catch.hpp>

#include "cli_harness.hpp"

using namespace postern;
using namespace postern::cli;
using nlohmann::json;

namespace {

json session_doc(const std::string& state = "running", json options = json::object()) {
  return {{"id", 4},
          {"name", "s"},
          {"source", "proxy"},
          {"state", state},
          {"options", options},
          {"started_at", ""},
          {"stopped_at", nullptr},
          {"duration_ms", 0},
          {"exchange_count", 0},
          {"total_bytes", 0},
          {"dropped_count", 0}};
}

int run(testing::CliHarness& h, const std::vector<std::string>& args) {
  return h.run(args, [&](CLI::App& app, OutputOptions& output, int& exit_code) {
    add_capture_command(app, output, exit_code, h.env());
  });
}

}  // namespace

TEST_CASE("capture start sends the name and only the options given", "[cli][capture]") {
  testing::CliHarness h;
  h.api.reply(201, session_doc());
  h.api.reply(200, {{"proxy", {{"host", "127.0.0.1"}, {"port", 5555}}}});
  CHECK(run(h, {"capture", "start", "--name", "login", "--url-contains", "api", "--cookies"}) ==
        kSuccess);
  REQUIRE(h.api.requests.size() == 2);
  CHECK(h.api.requests[0].method == "POST");
  CHECK(h.api.requests[0].target == "/v1/capture/start");
  CHECK(json::parse(h.api.requests[0].body) ==
        json{{"name", "login"}, {"options", {{"url_contains", "api"}, {"capture_cookies", true}}}});
  CHECK(h.api.requests[1].target == "/v1/status");
  CHECK(h.out.str().rfind("session 4 \"s\": running (proxy)\n", 0) == 0);
  CHECK(h.out.str().find("capture proxy at http://127.0.0.1:5555\n") != std::string::npos);
  CHECK(h.out.str().find("stop it with `postern capture stop`") != std::string::npos);
}

TEST_CASE("capture start --json prints the session as the API sent it", "[cli][capture]") {
  testing::CliHarness h;
  h.api.reply(201, session_doc());
  CHECK(run(h, {"capture", "start", "--json"}) == kSuccess);
  CHECK(h.api.requests.size() == 1);
  CHECK(json::parse(h.api.requests[0].body) == json::object());
  CHECK(h.out_json() == session_doc());
}

TEST_CASE("capture start: usage errors send nothing; API refusals say what to do",
          "[cli][capture]") {
  testing::CliHarness usage;
  CHECK(run(usage, {"capture", "start", "--url-contains", "a", "--url-regex", "b"}) == kUsage);
  CHECK(usage.err.str().find("--url-contains excludes --url-regex") != std::string::npos);
  CHECK(run(usage, {"capture", "start", "--methods", "G T"}) == kUsage);
  CHECK(usage.api.connect_attempts == 0);

  testing::CliHarness busy;
  busy.api.reply_error(409, "SESSION_ACTIVE", "session 3 is running");
  CHECK(run(busy, {"capture", "start"}) == kFailure);
  CHECK(busy.err.str() ==
        "error: session 3 is running (409 SESSION_ACTIVE)\n"
        "  fix: stop it first with `postern capture stop`, or change its filters with "
        "`postern capture options`\n");

  testing::CliHarness down;
  down.api.connects = {false};
  CHECK(run(down, {"capture", "start", "--json"}) == kFailure);
  CHECK(down.out_json()["error"]["code"] == "RUNTIME_NOT_RUNNING");
}

TEST_CASE("capture options merges the changes into the session's options", "[cli][capture]") {
  testing::CliHarness h;
  const json current = {{"url_contains", "api"}, {"url_regex", ""}, {"capture_cookies", true}};
  h.api.reply(200, {{"session", session_doc("running", current)}, {"options", current}});
  h.api.reply(200, session_doc());
  CHECK(run(h, {"capture", "options", "--url-regex", "^https://", "--methods", "post"}) ==
        kSuccess);
  REQUIRE(h.api.requests.size() == 2);
  CHECK(h.api.requests[0].target == "/v1/capture");
  CHECK(h.api.requests[1].method == "PUT");
  CHECK(h.api.requests[1].target == "/v1/capture/options");
  CHECK(json::parse(h.api.requests[1].body) == json{{"url_contains", ""},
                                                    {"url_regex", "^https://"},
                                                    {"capture_cookies", true},
                                                    {"methods", {"POST"}}});

  testing::CliHarness nothing;
  CHECK(run(nothing, {"capture", "options"}) == kUsage);
  CHECK(nothing.err.str().find("name at least one option") != std::string::npos);
  CHECK(nothing.api.connect_attempts == 0);

  testing::CliHarness idle;
  idle.api.reply(200, {{"session", nullptr}, {"options", nullptr}});
  idle.api.reply_error(409, "NO_ACTIVE_SESSION", "no session is running");
  CHECK(run(idle, {"capture", "options", "--cookies"}) == kFailure);
  CHECK(json::parse(idle.api.requests[1].body) == json{{"capture_cookies", true}});
  CHECK(idle.err.str().find("postern capture start") != std::string::npos);
}

TEST_CASE("pause, resume and stop post to their routes", "[cli][capture]") {
  for (const std::string verb : {"pause", "resume", "stop"}) {
    testing::CliHarness h;
    h.api.reply(200, session_doc(verb == "pause"  ? "paused"
                                 : verb == "stop" ? "stopped"
                                                  : "running",
                                 {{"collection", {{"path", "/tmp/c.json"}}}}));
    CHECK(run(h, {"capture", verb}) == kSuccess);
    REQUIRE(h.api.requests.size() == 1);
    CHECK(h.api.requests[0].method == "POST");
    CHECK(h.api.requests[0].target == "/v1/capture/" + verb);
    CHECK(h.api.requests[0].body.empty());
    CHECK((h.out.str().find("writes the collection to /tmp/c.json") != std::string::npos) ==
          (verb == "stop"));
  }
  testing::CliHarness bad_state;
  bad_state.api.reply_error(409, "BAD_STATE", "the session is not paused");
  CHECK(run(bad_state, {"capture", "resume"}) == kFailure);
  CHECK(bad_state.err.str().find("postern capture status") != std::string::npos);
}

TEST_CASE("capture status shows the active session or none", "[cli][capture]") {
  testing::CliHarness h;
  h.api.reply(200, {{"session", nullptr}, {"options", nullptr}});
  CHECK(run(h, {"capture", "status"}) == kSuccess);
  CHECK(h.api.requests.at(0).target == "/v1/capture");
  CHECK(h.out.str() == "no capture is running; start one with `postern capture start`\n");

  testing::CliHarness json_run;
  json_run.api.reply(200, {{"session", session_doc()}, {"options", json::object()}});
  CHECK(run(json_run, {"capture", "status", "--json"}) == kSuccess);
  CHECK(json_run.out_json()["session"]["id"] == 4);
}

TEST_CASE("capture needs a subcommand", "[cli][capture]") {
  testing::CliHarness h;
  CHECK(run(h, {"capture"}) == kUsage);
  CHECK(run(h, {"capture", "frobnicate"}) == kUsage);
}
