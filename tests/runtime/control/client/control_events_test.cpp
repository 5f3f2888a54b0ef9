#include "runtime/control/client/control_events.hpp"

#include <catch2/catch.hpp>

#include "runtime/control/client/control_errc.hpp"

using namespace postern::control_client;

namespace {

const char* kExchange =
    R"({"id":9,"session_id":2,"started_at":"2026-11-22T10:00:00.000Z",)"
    R"("ended_at":"2026-11-22T10:00:00.010Z","method":"GET","url":"http://h/","host":"h",)"
    R"("status":200,"data_mode":"none","request_size":0,"response_size":2,"error":""})";

}  // namespace

TEST_CASE("exchange, session and dropped events read into their types", "[client][events]") {
  auto exchange = parse_control_event({"exchange", kExchange, ""});
  REQUIRE(exchange);
  const auto* captured = std::get_if<ExchangeEvent>(&exchange.value());
  REQUIRE(captured);
  CHECK(captured->exchange.id == 9);
  CHECK(captured->exchange.session_id == 2);
  CHECK(captured->exchange.status == 200);

  auto session = parse_control_event(
      {"session",
       R"({"id":2,"name":"n","source":"proxy","state":"stopped","options":{},)"
       R"("started_at":"t","stopped_at":"u","duration_ms":5,"exchange_count":1,)"
       R"("total_bytes":2,"dropped_count":0})",
       ""});
  REQUIRE(session);
  REQUIRE(std::holds_alternative<SessionEvent>(session.value()));
  CHECK(std::get<SessionEvent>(session.value()).session.stopped_at == "u");

  auto dropped = parse_control_event({"dropped", R"({"count":17})", ""});
  REQUIRE(dropped);
  CHECK(std::get<DroppedEvent>(dropped.value()).count == 17);
}

TEST_CASE("storage events say whether captured exchanges are stored", "[client][events]") {
  auto failing = parse_control_event(
      {"storage",
       R"({"ok":false,"not_stored":3,"last_error":{"code":"DISK_FULL","message":"m","remedy":"r"}})",
       ""});
  REQUIRE(failing);
  const auto& health = std::get<StorageEvent>(failing.value()).storage;
  CHECK_FALSE(health.ok);
  CHECK(health.not_stored == 3);
  REQUIRE(health.last_error);
  CHECK(health.last_error->code == "DISK_FULL");
  auto missing = parse_control_event({"storage", R"({"ok":true})", ""});
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message ==
        "the runtime's \"storage\" event cannot be read: not_stored: missing");
}

TEST_CASE("an event type the runtime adds later is passed on as it came", "[client][events]") {
  auto other = parse_control_event({"cookie", "not even json", "4"});
  REQUIRE(other);
  const auto& unknown = std::get<UnknownEvent>(other.value());
  CHECK(unknown.type == "cookie");
  CHECK(unknown.data == "not even json");
}

TEST_CASE("known events with bad data are errors naming the event and the field",
          "[client][events]") {
  auto not_json = parse_control_event({"exchange", "{\"id\":", ""});
  REQUIRE_FALSE(not_json);
  CHECK(not_json.error().code == control_errc::bad_response);
  CHECK(not_json.error().message ==
        "the runtime's \"exchange\" event cannot be read: its data is not JSON");

  std::string without_session(kExchange);
  without_session.replace(without_session.find("\"session_id\":2,"), 15, "");
  CHECK(parse_control_event({"exchange", without_session, ""}).error().message ==
        "the runtime's \"exchange\" event cannot be read: session_id: missing");
  CHECK(parse_control_event({"dropped", "{\"count\":\"x\"}", ""}).error().message ==
        "the runtime's \"dropped\" event cannot be read: count: expected a whole number");
}
