#include "runtime/control/client/control_call.hpp"

#include <catch2/catch.hpp>

#include "fake_control_api.hpp"
#include "runtime/control/client/control_errc.hpp"

using namespace postern;
using namespace postern::control_client;
using nlohmann::json;
using testing::FakeControlApi;

TEST_CASE("query values are percent-encoded and empty ones left out", "[client][call]") {
  CHECK(query_escape("a b&c=d/é") == "a%20b%26c%3Dd%2F%C3%A9");
  CHECK(query_escape("domain,endpoint") == "domain,endpoint");
  CHECK(query_escape("A-z_0.9~") == "A-z_0.9~");
  CHECK(with_query("/v1/cookies", {}) == "/v1/cookies");
  CHECK(with_query("/v1/cookies", {{"domain", ""}}) == "/v1/cookies");
  CHECK(with_query("/v1/x", {{"search", "a?b"}, {"page", ""}, {"per_page", "5"}}) ==
        "/v1/x?search=a%3Fb&per_page=5");
}

TEST_CASE("error answers keep the API's code and message", "[client][call]") {
  auto failure = failure_from(
      ControlResponse{409, "application/json",
                      R"({"error":{"code":"SESSION_ACTIVE","message":"session 4 is running"}})"});
  CHECK(failure.code == "SESSION_ACTIVE");
  CHECK(failure.message == "session 4 is running");
  CHECK(failure.status == 409);
  CHECK(failure.remedy.empty());  // front ends add their own next steps

  auto bare = failure_from(ControlResponse{502, "text/html", "<html>bad gateway</html>"});
  CHECK(bare.code == "INTERNAL_ERROR");
  CHECK(bare.message == "the runtime answered 502");
  CHECK(failure_from(ControlResponse{404, "", ""}).code == "NOT_FOUND");
  CHECK(failure_from(ControlResponse{418, "", ""}).code == "HTTP_418");
}

TEST_CASE("transport errors keep their stable code; other layers their category",
          "[client][call]") {
  auto failure =
      failure_from(base::Error{make_error_code(control_errc::not_running), "down", "up"});
  CHECK(failure.code == "RUNTIME_NOT_RUNNING");
  CHECK(failure.remedy == "up");
  CHECK(failure.status == 0);
  auto other =
      failure_from(base::Error{std::make_error_code(std::errc::permission_denied), "no", ""});
  CHECK(other.code == "generic:" + std::to_string(static_cast<int>(std::errc::permission_denied)));
}

TEST_CASE("call_json sends JSON and reads JSON, 204 as null", "[client][call]") {
  FakeControlApi fake;
  auto api = fake.api();
  fake.reply(201, {{"id", 7}});
  auto created = call_json(*api, "POST", "/v1/capture/start", {{"name", "n"}});
  REQUIRE(created);
  CHECK(created.value()["id"] == 7);
  CHECK(fake.requests.back().method == "POST");
  CHECK(fake.requests.back().content_type == "application/json");
  CHECK(fake.last_body() == json{{"name", "n"}});

  fake.reply_text(204, "");
  auto deleted = call_json(*api, "DELETE", "/v1/sessions/7");
  REQUIRE(deleted);
  CHECK(deleted.value().is_null());
  CHECK(fake.requests.back().body.empty());

  fake.reply_text(200, "not json");
  auto broken = call_json(*api, "GET", "/v1/status");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().code == "BAD_RESPONSE");
  CHECK(broken.error().message ==
        "the runtime's answer to GET /v1/status cannot be read: it is not JSON");

  fake.reply_error(404, "NOT_FOUND", "no session 9");
  auto missing = call_json(*api, "GET", "/v1/sessions/9");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == "NOT_FOUND");

  fake.replies.push_back(base::Error{make_error_code(control_errc::timed_out), "slow", ""});
  auto slow = call_json(*api, "GET", "/v1/status");
  REQUIRE_FALSE(slow);
  CHECK(slow.error().code == "RUNTIME_NOT_RESPONDING");
}

TEST_CASE("text bodies go out with their type; text answers come back as they are",
          "[client][call]") {
  FakeControlApi fake;
  auto api = fake.api();
  fake.reply(200, {{"imported", 2}});
  auto imported = call_json_with_text(*api, "POST", "/v1/cookies/import?format=netscape",
                                      "# Netscape HTTP Cookie File\n");
  REQUIRE(imported);
  CHECK(imported.value()["imported"] == 2);
  CHECK(fake.requests.back().content_type == "text/plain");
  CHECK(fake.requests.back().body == "# Netscape HTTP Cookie File\n");

  fake.reply_text(200, "a\tb\n");
  auto exported = call_text(*api, "GET", "/v1/cookies/export?format=netscape");
  REQUIRE(exported);
  CHECK(exported.value() == "a\tb\n");

  fake.reply_error(409, "NO_ACTIVE_SESSION", "none");
  auto refused = call_text(*api, "GET", "/v1/x");
  REQUIRE_FALSE(refused);
  CHECK(refused.error().status == 409);
}
