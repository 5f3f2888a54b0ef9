// run_collection against a real loopback server with real libcurl: inherited auth reaches the
// server, variables are substituted, one folder can be run, failures are counted, scripts are
// reported, and an OAuth 2.0 token is fetched only when the request has none.
#include "runtime/runner/collection_runner.hpp"

#include <catch2/catch.hpp>

#include "runtime/runner/runner_errc.hpp"
#include "support/loopback_http_server.hpp"
#include "support/scripted_http_server.hpp"

using namespace postern;
using namespace postern::runner;
using postern::testing::http_reply;
using postern::testing::ScriptedHttpServer;
using postern::testing::ScriptedRequest;

namespace {

Collection shop(unsigned short closed_port) {
  auto parsed = parse_collection(R"({
    "info": {"name": "Shop"},
    "auth": {"type": "basic", "basic": [{"key": "username", "value": "{{user}}"},
                                         {"key": "password", "value": "pw"}]},
    "variable": [{"key": "user", "value": "collection-user"}],
    "item": [
      {"name": "Public", "auth": {"type": "noauth"}, "item": [
        {"name": "Health", "request": {"url": "{{base}}/health"}}]},
      {"name": "Private", "item": [
        {"name": "Me", "event": [{"listen": "test", "script": {"exec": ["pm.test.three"]}}],
         "request": {"url": "{{base}}/me"}},
        {"name": "Token", "request": {"url": "{{base}}/token",
          "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{tok}}"}]}}},
        {"name": "OAuth", "request": {"url": "{{base}}/oauth",
          "auth": {"type": "oauth2", "oauth2": [{"key": "grant_type", "value": "client_credentials"}]}}},
        {"name": "Down", "request": {"url": "http://127.0.0.1:)" +
                                 std::to_string(closed_port) + R"(/"}}]}
    ]})");
  REQUIRE(parsed);
  return std::move(parsed).value();
}

}  // namespace

TEST_CASE("a run sends every request with its inherited auth and counts failures",
          "[runner][run]") {
  ScriptedHttpServer server([](const ScriptedRequest& request) {
    return http_reply(request.target() == "/health" ? 204 : 200, {},
                      request.header("Authorization"));
  });
  Variables vars;
  vars.environment = {{"base", server.url()}, {"tok", "T0K"}, {"user", "env-user"}};
  Collection collection = shop(postern::testing::LoopbackHttpServer::closed_port());
  std::vector<std::string> seen_live;
  RunOptions options;
  options.on_execution = [&](const Execution& e) { seen_live.push_back(e.path.back()); };
  auto run = run_collection(collection, vars, options);
  REQUIRE(run);
  const RunSummary& summary = run.value();
  CHECK(summary.collection == "Shop");
  REQUIRE(summary.executions.size() == 5);
  CHECK(seen_live == std::vector<std::string>{"Health", "Me", "Token", "OAuth", "Down"});

  const auto& health = summary.executions[0];
  CHECK(health.path == std::vector<std::string>{"Public", "Health"});
  CHECK(health.status == 204);
  CHECK(health.auth_type == "noauth");

  const auto& me = summary.executions[1];
  CHECK(me.auth_type == "basic");
  CHECK(me.status == 200);
  CHECK(me.unsupported == std::vector<std::string>{"test script"});
  auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].header("Authorization").empty());
  CHECK(requests[1].header("Authorization") == "Basic ZW52LXVzZXI6cHc=");  // env-user:pw
  CHECK(requests[2].header("Authorization") == "Bearer T0K");

  const auto& oauth = summary.executions[3];
  CHECK(oauth.failed());
  CHECK(oauth.error.find("access token") != std::string::npos);
  CHECK(summary.executions[4].failed());
  CHECK(summary.failed() == 2);
}

TEST_CASE("an OAuth 2.0 token comes from the token source only when missing", "[runner][run]") {
  ScriptedHttpServer server([](const ScriptedRequest& request) {
    return http_reply(200, {}, request.header("Authorization"));
  });
  auto parsed = parse_collection(R"({"item": [
      {"name": "Fetch", "request": {"url": ")" +
                                 server.url() + R"(/a",
        "auth": {"type": "oauth2", "oauth2": [{"key": "grant_type", "value": "client_credentials"},
                                              {"key": "accessTokenUrl", "value": "http://x/t"}]}}},
      {"name": "Given", "request": {"url": ")" +
                                 server.url() + R"(/b",
        "auth": {"type": "oauth2", "oauth2": [{"key": "accessToken", "value": "given"}]}}}]})");
  REQUIRE(parsed);
  int asked = 0;
  RunOptions options;
  options.oauth2_tokens = [&](const auth::AuthParams& params) -> base::Result<std::string> {
    ++asked;
    CHECK(params.text("accessTokenUrl") == "http://x/t");
    return std::string("fetched");
  };
  Variables vars;
  auto run = run_collection(parsed.value(), vars, options);
  REQUIRE(run);
  CHECK(asked == 1);
  CHECK(run.value().failed() == 0);
  auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].header("Authorization") == "Bearer fetched");
  CHECK(requests[1].header("Authorization") == "Bearer given");
}

TEST_CASE("--folder runs one folder with the folder's auth; unknown folders are errors",
          "[runner][run]") {
  ScriptedHttpServer server([](const ScriptedRequest&) { return http_reply(200); });
  Variables vars;
  vars.environment = {{"base", server.url()}};
  Collection collection = shop(postern::testing::LoopbackHttpServer::closed_port());
  RunOptions options;
  options.folder = "Public";
  auto run = run_collection(collection, vars, options);
  REQUIRE(run);
  REQUIRE(run.value().executions.size() == 1);
  CHECK(run.value().executions[0].path == std::vector<std::string>{"Public", "Health"});
  CHECK(server.requests().at(0).header("Authorization").empty());
  options.folder = "Nope";
  auto missing = run_collection(collection, vars, options);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == runner_errc::no_such_folder);
}
