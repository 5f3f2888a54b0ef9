#include "runtime/control/client/control_events.hpp"

#include <nlohmann/json.hpp>

#include "runtime/control/client/control_errc.hpp"

namespace postern::control_client {

namespace {

base::Error bad_event(const std::string& type, const std::string& detail) {
  return base::Error{make_error_code(control_errc::bad_response),
                     "the runtime's \"" + type + "\" event cannot be read: " + detail, ""};
}

ExchangeEvent read_exchange_event(const JsonFields& fields) {
  ExchangeEvent out{read_exchange_summary(fields)};
  if (!out.exchange.session_id && fields.ok()) fields.fail_at("session_id", "missing");
  return out;
}

SessionEvent read_session_event(const JsonFields& fields) {
  return SessionEvent{read_session(fields)};
}

DroppedEvent read_dropped_event(const JsonFields& fields) {
  return DroppedEvent{fields.integer("count")};
}

StorageEvent read_storage_event(const JsonFields& fields) {
  return StorageEvent{read_storage_health(fields)};
}

template <class T>
base::Result<ControlEvent> typed(const SseEvent& event, const nlohmann::json& data,
                                 T (*read)(const JsonFields&)) {
  std::string problem;
  T value = read(JsonFields(data, "", problem));
  if (!problem.empty()) return bad_event(event.type, problem);
  return ControlEvent(std::move(value));
}

}  // namespace

base::Result<ControlEvent> parse_control_event(const SseEvent& event) {
  const bool known = event.type == "exchange" || event.type == "session" ||
                     event.type == "dropped" || event.type == "storage";
  if (!known) return ControlEvent(UnknownEvent{event.type, event.data});
  const auto data = nlohmann::json::parse(event.data, nullptr, /*allow_exceptions=*/false);
  if (data.is_discarded()) return bad_event(event.type, "its data is not JSON");
  if (event.type == "exchange") return typed(event, data, read_exchange_event);
  if (event.type == "session") return typed(event, data, read_session_event);
  if (event.type == "storage") return typed(event, data, read_storage_event);
  return typed(event, data, read_dropped_event);
}

}  // namespace postern::control_client
