#pragma once
// The live events of the runtime (GET /v1/events, docs/control-api.md) for the capture window:
// a background thread connects with the token from control.json, decodes the stream as it
// arrives, and hands each event to a callback. When the stream ends (the runtime stopped or
// restarted, a keep-alive did not come) it says so and connects again, reading control.json
// anew since a restarted runtime has another port and token; while none runs it retries with a
// growing pause. Destroying it stops the thread at once: every wait polls an Interrupt.
//
// Callbacks run on the stream's thread, one at a time, in the order of the stream; they must
// not throw, nor destroy the stream (stop() is allowed). A GUI posts them to its own thread
// (wxWidgets: CallAfter). After `connected`, nothing published since is
// missed; events published while disconnected are, so a window reloads its lists then.

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

#include "base/result.hpp"
#include "runtime/control/client/control_client.hpp"
#include "runtime/control/client/control_events.hpp"
#include "runtime/control/client/interrupt.hpp"
#include "runtime/control/client/sse_parser.hpp"

namespace postern::control_client {

class TcpConnection;

/// The runtime sends a keep-alive comment after 15 s without events; three missed means the
/// connection is dead even if no socket error says so (a suspended laptop, a stuck runtime).
inline constexpr std::chrono::milliseconds kEventIdleTimeout{45000};

/// A change of the stream's state, or an event that could not be read.
struct StreamStatus {
  enum class Kind {
    connected,     ///< the stream is up: reload what is shown, then follow the events
    disconnected,  ///< the stream is down (message, code say why); reconnecting
    bad_event,     ///< one event could not be read and was skipped (message says which)
  };
  Kind kind = Kind::disconnected;
  std::string message;  ///< a sentence; empty for connected
  std::string code;     ///< stable code: RUNTIME_NOT_RUNNING, TOKEN_REQUIRED, BAD_RESPONSE, ...
};

/// Where to listen and how patiently.
struct EventStreamOptions {
  std::filesystem::path runtime_dir;  ///< where control.json is; empty: this user's runtime
  std::chrono::milliseconds connect_timeout = kControlConnectTimeout;
  std::chrono::milliseconds idle_timeout = kEventIdleTimeout;
  std::chrono::milliseconds reconnect_delay{250};       ///< first pause after a failure
  std::chrono::milliseconds max_reconnect_delay{5000};  ///< the pause doubles up to this
  SseLimits limits;                                     ///< bounds of one event
};

/// Receives events.
using EventHandler = std::function<void(const ControlEvent&)>;
/// Receives state changes.
using StatusHandler = std::function<void(const StreamStatus&)>;

/// Listens until destroyed.
class EventStream {
 public:
  /// Starts listening on a new thread. `on_status` may be empty.
  EventStream(EventStreamOptions options, EventHandler on_event, StatusHandler on_status = {});
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;
  /// stop().
  ~EventStream();

  /// Stops the thread and waits for it (at once: no wait is longer than a poll). No callback
  /// runs after it returns. Called from a callback, it only asks, since the thread cannot wait
  /// for itself. Idempotent.
  void stop();
  /// Whether the stream is up now.
  bool connected() const { return connected_.load(std::memory_order_acquire); }

 private:
  void run();
  base::Error listen_once();
  base::Status_or_error read_stream(TcpConnection& connection);
  void deliver(const SseEvent& event);
  void report(StreamStatus::Kind kind, const base::Error* why = nullptr);

  EventStreamOptions options_;
  EventHandler on_event_;
  StatusHandler on_status_;
  Interrupt interrupt_;
  std::atomic<bool> connected_{false};
  std::thread thread_;  // last: started once everything it uses exists
};

}  // namespace postern::control_client
