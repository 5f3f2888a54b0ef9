#pragma once
// The events of GET /v1/events (docs/control-api.md) as typed values: an exchange was captured,
// a session changed (started, paused, resumed, renamed, stopped), storing started failing or
// works again, or this listener fell behind and lost some. Event types the runtime adds later
// arrive as UnknownEvent rather than errors, so an older window keeps working with a newer
// runtime.

#include <cstdint>
#include <string>
#include <variant>

#include "base/result.hpp"
#include "runtime/control/client/capture_types.hpp"
#include "runtime/control/client/exchange_types.hpp"
#include "runtime/control/client/sse_parser.hpp"

namespace postern::control_client {

/// `event: exchange`: a captured exchange, as it is queued for the store. Its id is final, and
/// GET /v1/exchanges/{id} finds it once committed (within 100 ms).
struct ExchangeEvent {
  ExchangeSummary exchange;  ///< session_id is always set
};

/// `event: session`: a session as it is after a change.
struct SessionEvent {
  Session session;
};

/// `event: dropped`: this listener fell behind and lost `count` events; reload what is shown.
struct DroppedEvent {
  std::int64_t count = 0;
};

/// `event: storage`: storing captured exchanges started failing (a full disk) or works again.
struct StorageEvent {
  StorageHealth storage;
};

/// Any other event type, as it came.
struct UnknownEvent {
  std::string type;
  std::string data;
};

/// One event of the stream.
using ControlEvent =
    std::variant<ExchangeEvent, SessionEvent, DroppedEvent, StorageEvent, UnknownEvent>;

/// `event` as a ControlEvent; data that is not the JSON its type documents is
/// control_errc::bad_response naming the event type and the field.
base::Result<ControlEvent> parse_control_event(const SseEvent& event);

}  // namespace postern::control_client
