#include "runtime/capture/capture_routes.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "capture_fixtures.hpp"

using namespace postern::capture;
using namespace postern::capture::testing;
using postern::control::ApiRequest;
using postern::control::ApiResponse;
using postern::control::ApiRouter;
using json = nlohmann::json;

namespace {

using RouteFixture = RoutesFixture<add_capture_routes>;

}  // namespace

TEST_CASE("GET /v1/capture: nulls without a session, the session and options with one",
          "[capture_routes]") {
  RouteFixture f;
  auto none = f.call("GET", "/v1/capture");
  CHECK(none.status == 200);
  CHECK(f.body_of(none) == json::parse(R"({"session":null,"options":null,
    "storage":{"ok":true,"not_stored":0,"last_error":null}})"));
  REQUIRE(f.call("POST", "/v1/capture/start", R"({"options":{"url_contains":"api"}})").status ==
          201);
  const auto active = f.body_of(f.call("GET", "/v1/capture"));
  CHECK(active["session"]["state"] == "running");
  CHECK(active["options"]["url_contains"] == "api");
  CHECK(active["session"]["options"] == active["options"]);
  CHECK(active["storage"]["ok"] == true);
}

TEST_CASE("POST /v1/capture/start: 201 Session, 409 when one runs, 400 for bad bodies",
          "[capture_routes]") {
  RouteFixture f;
  auto started =
      f.call("POST", "/v1/capture/start", R"({"name":"Login","options":{"methods":["post"]}})");
  REQUIRE(started.status == 201);
  const auto session = f.body_of(started);
  CHECK(session["name"] == "Login");
  CHECK(session["source"] == "proxy");
  CHECK(session["state"] == "running");
  CHECK(session["options"]["methods"] == json::parse(R"(["POST"])"));
  CHECK(session["stopped_at"].is_null());
  CHECK(session["exchange_count"] == 0);
  auto again = f.call("POST", "/v1/capture/start", "");
  CHECK(again.status == 409);
  CHECK(f.code_of(again) == "SESSION_ACTIVE");

  RouteFixture g;
  CHECK(f.code_of(g.call("POST", "/v1/capture/start", "{nope")) == "BAD_JSON");
  CHECK(f.code_of(g.call("POST", "/v1/capture/start", R"({"name":5})")) == "BAD_FIELD");
  CHECK(f.code_of(g.call("POST", "/v1/capture/start", R"({"nam":"x"})")) == "BAD_FIELD");
  auto bad_regex = g.call("POST", "/v1/capture/start", R"({"options":{"url_regex":"("}})");
  CHECK(bad_regex.status == 400);
  CHECK(f.body_of(bad_regex)["error"]["message"].get<std::string>().starts_with(
      "options.url_regex: "));
  CHECK(f.code_of(g.call("POST", "/v1/capture/start", R"({"options":[]})")) == "BAD_FIELD");
  CHECK(f.body_of(g.call("GET", "/v1/capture"))["session"].is_null());  // nothing started
  auto defaulted = g.call("POST", "/v1/capture/start", "");
  CHECK(defaulted.status == 201);
  CHECK(f.body_of(defaulted)["name"].get<std::string>().starts_with("Session "));
  CHECK(f.body_of(defaulted)["options"] == to_json(CaptureOptions{}));
}

TEST_CASE("PUT /v1/capture/options replaces the options of the active session",
          "[capture_routes]") {
  RouteFixture f;
  auto none = f.call("PUT", "/v1/capture/options", R"({"url_contains":"x"})");
  CHECK(none.status == 409);
  CHECK(f.code_of(none) == "NO_ACTIVE_SESSION");
  REQUIRE(f.call("POST", "/v1/capture/start", R"({"options":{"url_contains":"x"}})").status == 201);
  auto put = f.call("PUT", "/v1/capture/options", R"({"exclude":["/health"]})");
  REQUIRE(put.status == 200);
  CHECK(f.body_of(put)["options"]["exclude"] == json::parse(R"(["/health"])"));
  CHECK(f.body_of(put)["options"]["url_contains"] == "");  // a PUT replaces, it does not merge
  CHECK(f.body_of(f.call("GET", "/v1/capture"))["options"]["exclude"][0] == "/health");
  auto bad = f.call("PUT", "/v1/capture/options", R"({"body_limit":1})");
  CHECK(bad.status == 400);
  CHECK(f.code_of(bad) == "BAD_FIELD");
  CHECK(f.code_of(f.call("PUT", "/v1/capture/options", "[]")) == "BAD_JSON");
}

TEST_CASE("PUT /v1/capture/options is kept in the session's row, for the history",
          "[capture_routes]") {
  RouteFixture f;
  auto started = f.call("POST", "/v1/capture/start", R"({"options":{"url_contains":"x"}})");
  REQUIRE(started.status == 201);
  const auto id = f.body_of(started)["id"].get<std::int64_t>();
  const auto path = "/v1/sessions/" + std::to_string(id);
  REQUIRE(
      f.call("PUT", "/v1/capture/options", R"({"methods":["get"],"exclude":["/health"]})").status ==
      200);
  const auto expected = f.body_of(f.call("GET", "/v1/capture"))["options"];
  CHECK(expected["methods"] == json::parse(R"(["GET"])"));
  CHECK(json::parse(f.store->session(id).value().options_json) == expected);
  CHECK(f.body_of(f.call("GET", path))["options"] == expected);

  // A refused PUT changes neither the capture nor the row.
  REQUIRE(f.call("PUT", "/v1/capture/options", R"({"body_limit":1})").status == 400);
  CHECK(json::parse(f.store->session(id).value().options_json) == expected);

  // Once stopped, only the row remembers them.
  REQUIRE(f.call("POST", "/v1/capture/stop").status == 200);
  const auto stopped = f.body_of(f.call("GET", path));
  CHECK(stopped["state"] == "stopped");
  CHECK(stopped["options"] == expected);
  CHECK(f.body_of(f.call("GET", "/v1/sessions"))["sessions"][0]["options"] == expected);
}

TEST_CASE("pause, resume and stop answer the session or 409", "[capture_routes]") {
  RouteFixture f;
  for (const std::string action : {"pause", "resume", "stop"}) {
    auto refused = f.call("POST", "/v1/capture/" + action);
    CHECK(refused.status == 409);
    CHECK(f.code_of(refused) == "NO_ACTIVE_SESSION");
  }
  REQUIRE(f.call("POST", "/v1/capture/start", R"({"options":{"capture_cookies":true}})").status ==
          201);
  CHECK(f.code_of(f.call("POST", "/v1/capture/resume")) == "BAD_STATE");
  auto paused = f.call("POST", "/v1/capture/pause");
  REQUIRE(paused.status == 200);
  CHECK(f.body_of(paused)["state"] == "paused");
  CHECK(f.body_of(paused)["options"]["capture_cookies"] == true);
  CHECK(f.code_of(f.call("POST", "/v1/capture/pause")) == "BAD_STATE");
  auto resumed = f.call("POST", "/v1/capture/resume");
  CHECK(f.body_of(resumed)["state"] == "running");
  auto stopped = f.call("POST", "/v1/capture/stop");
  REQUIRE(stopped.status == 200);
  const auto session = f.body_of(stopped);
  CHECK(session["state"] == "stopped");
  CHECK(session["stopped_at"].is_string());
  CHECK(session["deleted"] == false);
  CHECK(session["collection_error"].is_null());
  CHECK(session["options"]["capture_cookies"] == true);
  CHECK(f.code_of(f.call("POST", "/v1/capture/stop")) == "NO_ACTIVE_SESSION");
  CHECK(f.call("GET", "/v1/capture/stop").status == 405);
}
