#include "runtime/control/client/capture_types.hpp"

#include <catch2/catch.hpp>

#include "runtime/control/client/control_errc.hpp"

using namespace postern::control_client;
using nlohmann::json;

namespace {

json session_json() {
  return {{"id", 3},
          {"name", "login flow"},
          {"source", "proxy"},
          {"state", "paused"},
          {"options", {{"url_contains", "api"}, {"methods", {"GET", "POST"}}}},
          {"started_at", "2026-11-22T10:00:00.123Z"},
          {"stopped_at", nullptr},
          {"duration_ms", 1500},
          {"exchange_count", 4},
          {"total_bytes", 2048},
          {"dropped_count", 0}};
}

}  // namespace

TEST_CASE("a session reads with its options; missing options take the defaults",
          "[client][types]") {
  auto session = parse_session(session_json());
  REQUIRE(session);
  CHECK(session.value().id == 3);
  CHECK(session.value().name == "login flow");
  CHECK(session.value().state == SessionState::paused);
  CHECK(to_string(session.value().state) == "paused");
  CHECK_FALSE(session.value().stopped_at);
  CHECK(session.value().exchange_count == 4);
  CHECK(session.value().options.url_contains == "api");
  CHECK(session.value().options.methods == std::vector<std::string>{"GET", "POST"});
  CHECK(session.value().options.save_responses);  // default
  CHECK(session.value().options.body_limit == 1024 * 1024);
  CHECK_FALSE(session.value().options.collection);
}

TEST_CASE("options go out as the API's JSON and read back the same", "[client][types]") {
  CaptureOptions options;
  options.url_regex = "^https://";
  options.exclude = {"/health"};
  options.capture_cookies = true;
  options.collection = CollectionTarget{"/tmp/c.json", {"domain", "endpoint"}};
  options.body_limit = 4096;
  const json out = to_json(options);
  CHECK(out["collection"]["group_by"] == json{"domain", "endpoint"});
  CHECK(out["url_contains"] == "");
  std::string problem;
  CHECK(read_capture_options(JsonFields(out, "", problem)) == options);
  CHECK(problem.empty());
  CHECK(to_json(CaptureOptions{})["collection"].is_null());
}

TEST_CASE("the capture status: a session or none", "[client][types]") {
  std::string problem;
  const json idle = {{"session", nullptr}, {"options", nullptr}};
  const CaptureStatus none = read_capture_status(JsonFields(idle, "", problem));
  CHECK_FALSE(none.session);
  CHECK_FALSE(none.options);
  const json active = {{"session", session_json()}, {"options", {{"exclude_static", true}}}};
  const CaptureStatus running = read_capture_status(JsonFields(active, "", problem));
  REQUIRE(running.session);
  CHECK(running.session->id == 3);
  REQUIRE(running.options);
  CHECK(running.options->exclude_static);
  CHECK(problem.empty());
}

TEST_CASE("the capture status says whether captured exchanges are being stored",
          "[client][types]") {
  std::string problem;
  const json older = {{"session", nullptr}};  // a runtime from before `storage`: assume ok
  CHECK(read_capture_status(JsonFields(older, "", problem)).storage.ok);
  const json full = {
      {"session", nullptr},
      {"storage",
       {{"ok", false},
        {"not_stored", 51},
        {"last_error",
         {{"code", "DISK_FULL"}, {"message", "the disk is full"}, {"remedy", "free space"}}}}}};
  const StorageHealth health = read_capture_status(JsonFields(full, "", problem)).storage;
  CHECK(problem.empty());
  CHECK_FALSE(health.ok);
  CHECK(health.not_stored == 51);
  REQUIRE(health.last_error);
  CHECK(health.last_error->code == "DISK_FULL");
  CHECK(health.last_error->message == "the disk is full");
  CHECK(health.last_error->remedy == "free space");
  const json recovered = {{"ok", true}, {"not_stored", 51}, {"last_error", nullptr}};
  CHECK_FALSE(read_storage_health(JsonFields(recovered, "", problem)).last_error);
  const json broken = {{"ok", "no"}, {"not_stored", 1}, {"last_error", nullptr}};
  read_storage_health(JsonFields(broken, "storage", problem));
  CHECK(problem == "storage.ok: expected true or false");
}

TEST_CASE("malformed sessions are errors naming the field", "[client][types]") {
  json session = session_json();
  session["state"] = "sleeping";
  CHECK(parse_session(session).error().message ==
        "state: \"sleeping\" is not running, paused or stopped");
  session = session_json();
  session.erase("exchange_count");
  CHECK(parse_session(session).error().message == "exchange_count: missing");
  session = session_json();
  session["options"]["methods"] = "GET";
  CHECK(parse_session(session).error().message == "options.methods: expected an array");
  CHECK(parse_session(session).error().code == control_errc::bad_response);

  std::string problem;
  const json list = {{"sessions", {session_json(), {{"id", 4}}}}};
  read_session_list(JsonFields(list, "", problem));
  CHECK(problem == "sessions[1].name: missing");
}
