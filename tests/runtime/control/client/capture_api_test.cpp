#include "runtime/control/client/capture_api.hpp"

#include <catch2/catch.hpp>

#include "fake_control_api.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::control_client;
using nlohmann::json;
using testing::FakeControlApi;

namespace {

json session_json(std::int64_t id, const std::string& state) {
  return {{"id", id},
          {"name", "s"},
          {"source", "proxy"},
          {"state", state},
          {"options", json::object()},
          {"started_at", "2026-11-22T10:00:00.123Z"},
          {"stopped_at", nullptr},
          {"duration_ms", 0},
          {"exchange_count", 0},
          {"total_bytes", 0},
          {"dropped_count", 0}};
}

}  // namespace

TEST_CASE("session calls send the documented requests and read sessions", "[client][capture]") {
  FakeControlApi fake;
  auto api = fake.api();
  CaptureApi capture(*api);

  CaptureOptions options;
  options.url_contains = "api";
  fake.reply(201, session_json(1, "running"));
  auto started = capture.start(std::string("mine"), options);
  REQUIRE(started);
  CHECK(started.value().state == SessionState::running);
  CHECK(fake.requests.back().method == "POST");
  CHECK(fake.requests.back().target == "/v1/capture/start");
  CHECK(fake.last_body()["name"] == "mine");
  CHECK(fake.last_body()["options"]["url_contains"] == "api");

  fake.reply(201, session_json(2, "running"));
  REQUIRE(capture.start());
  CHECK(fake.last_body() == json::object());

  for (const auto& [verb, state] :
       {std::pair{"pause", "paused"}, {"resume", "running"}, {"stop", "stopped"}}) {
    fake.reply(200, session_json(1, state));
    auto moved = verb == std::string("pause")    ? capture.pause()
                 : verb == std::string("resume") ? capture.resume()
                                                 : capture.stop();
    REQUIRE(moved);
    CHECK(to_string(moved.value().state) == state);
    CHECK(fake.requests.back().target == std::string("/v1/capture/") + verb);
  }

  fake.reply(200, session_json(1, "running"));
  REQUIRE(capture.set_options(options));
  CHECK(fake.requests.back().method == "PUT");
  CHECK(fake.last_body()["url_contains"] == "api");

  fake.reply(200, {{"sessions", {session_json(2, "stopped"), session_json(1, "stopped")}}});
  auto list = capture.sessions();
  REQUIRE(list);
  CHECK(list.value().size() == 2);

  fake.reply(200, session_json(1, "stopped"));
  REQUIRE(capture.rename(1, "renamed"));
  CHECK(fake.requests.back().method == "PATCH");
  CHECK(fake.requests.back().target == "/v1/sessions/1");
  CHECK(fake.last_body() == json{{"name", "renamed"}});

  fake.reply_text(204, "");
  REQUIRE(capture.remove(1));
  CHECK(fake.requests.back().method == "DELETE");

  fake.reply_text(204, "");
  REQUIRE(capture.remove_exchange(42));
  CHECK(fake.requests.back().method == "DELETE");
  CHECK(fake.requests.back().target == "/v1/exchanges/42");
}

TEST_CASE("exchange calls escape their query and read pages and exchanges", "[client][capture]") {
  FakeControlApi fake;
  auto api = fake.api();
  CaptureApi capture(*api);
  fake.reply(200, {{"items", json::array()}, {"total", 0}, {"page", 2}, {"per_page", 5}});
  auto page = capture.exchanges(4, ExchangeQuery{"a b", 2, 5});
  REQUIRE(page);
  CHECK(page.value().page == 2);
  CHECK(fake.requests.back().target == "/v1/sessions/4/exchanges?search=a%20b&page=2&per_page=5");

  fake.reply(200, {{"items", json::array()}, {"total", 0}, {"page", 1}, {"per_page", 50}});
  REQUIRE(capture.exchanges(4));
  CHECK(fake.requests.back().target == "/v1/sessions/4/exchanges");

  fake.reply(200, {{"cookies", json::array()}});
  REQUIRE(capture.session_cookies(4));
  CHECK(fake.requests.back().target == "/v1/sessions/4/cookies");

  fake.reply(200, {{"added", 1}, {"removed", 0}, {"refused", json::array()}});
  REQUIRE(capture.cookies_to_jar(4, {7, 8}));
  CHECK(fake.last_body() == json{{"exchange_ids", {7, 8}}});
}

TEST_CASE("failures keep the API's code; malformed answers are BAD_RESPONSE naming the field",
          "[client][capture]") {
  FakeControlApi fake;
  auto api = fake.api();
  CaptureApi capture(*api);
  fake.reply_error(409, "SESSION_ACTIVE", "session 4 is running");
  auto refused = capture.start();
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "SESSION_ACTIVE");
  CHECK(refused.error().status == 409);

  fake.reply(200, {{"sessions", {{{"id", "one"}}}}});
  auto malformed = capture.sessions();
  REQUIRE_FALSE(malformed);
  CHECK(malformed.error().code == "BAD_RESPONSE");
  CHECK(malformed.error().message ==
        "the runtime's answer to GET /v1/sessions cannot be read: sessions[0].id: expected a "
        "whole number");

  fake.reply_text(200, "{\"id\":", "application/json");
  auto cut = capture.exchange(3);
  REQUIRE_FALSE(cut);
  CHECK(cut.error().message ==
        "the runtime's answer to GET /v1/exchanges/3 cannot be read: it "
        "is not JSON");
}

TEST_CASE("an export is written where asked, as it came", "[client][capture]") {
  testing::TempDir dir;
  FakeControlApi fake;
  auto api = fake.api();
  CaptureApi capture(*api);
  fake.reply_text(200, R"({"log":{}})", "application/json");
  auto har = capture.export_session(5, {ExportFormat::har, {}, dir / "s.har"});
  REQUIRE(har);
  CHECK(har.value().bytes == 10);
  CHECK(testing::file_text(dir / "s.har") == R"({"log":{}})");
  CHECK(fake.requests.back().target == "/v1/sessions/5/export?format=har");

  fake.reply_text(200, "{}", "application/json");
  REQUIRE(capture.export_session(
      5, {ExportFormat::collection, {"domain", "endpoint"}, dir / "c.json"}));
  CHECK(fake.requests.back().target ==
        "/v1/sessions/5/export?format=collection&group_by=domain,endpoint");

  fake.reply_text(200, "{}", "application/json");
  // The folder it names is a file: no document can be written there.
  auto unwritable = capture.export_session(5, {ExportFormat::har, {}, dir / "s.har" / "x.har"});
  REQUIRE_FALSE(unwritable);
  CHECK_FALSE(unwritable.error().message.empty());
}
