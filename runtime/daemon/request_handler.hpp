#pragma once
// What the runtime answers on its socket (docs/runtime-socket.md), as plain functions with no
// I/O (practice 13): a decoded message and the session's state go in, the replies and what to do
// next come out. Sessions only move bytes, so every exchange is a unit test without sockets.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/bridge/frame_codec.hpp"

namespace postern::daemon {

/// The runtime's own version (the project version), sent in hello_ack.
std::string_view runtime_version();

/// Who is on the other end, from its hello.
enum class ClientKind {
  none,    ///< has not said hello yet
  bridge,  ///< postern-bridge, relaying for the browser extension
  cli,     ///< postern (CLI, doctor, wizard)
};

/// Per-connection state the handler reads and updates.
struct SessionState {
  ClientKind client = ClientKind::none;  ///< set by hello
};

/// Facts about the running runtime, read when a reply needs them.
struct RuntimeFacts {
  long pid = 0;               ///< this process
  std::string started_at;     ///< UTC, ISO 8601
  std::int64_t uptime_s = 0;  ///< whole seconds since start
  std::size_t clients = 0;    ///< connected clients, the asking one included
};

/// The answer to one message or frame error.
struct Reply {
  std::vector<nlohmann::json> messages;  ///< to send, in order
  bool close = false;                    ///< close the connection once they are written
  bool shutdown = false;                 ///< stop the runtime once they are written
  std::string log;                       ///< a line for the log; empty for none
  /// Slow work (an outbound request) that answers later: the session starts it with a callback
  /// that sends the one message it produces. The callback may be called from any thread.
  std::function<void(std::function<void(nlohmann::json)>)> later;
};

/// Runs the connectivity check off the I/O thread (the URL to use instead of the configured
/// one, or none) and calls `done` with its report (requester::to_json) when it ends.
using ConnectivityCheck =
    std::function<void(std::optional<std::string> url, std::function<void(nlohmann::json)> done)>;

/// Answers the messages of the runtime socket.
class RequestHandler {
 public:
  /// Where fresh RuntimeFacts come from (the server: pid, uptime, client count).
  using FactsSource = std::function<RuntimeFacts()>;

  /// A handler reading facts from `facts`; `connectivity` answers connectivity.check (without
  /// it, the request gets UNSUPPORTED).
  explicit RequestHandler(FactsSource facts, ConnectivityCheck connectivity = {});

  /// Answers one decoded message: hello, status.get, the relayed types, shutdown (cli only).
  /// Anything but hello before hello gets HELLO_REQUIRED.
  Reply handle(const nlohmann::json& message, SessionState& state) const;
  /// Answers a damaged frame: FRAME_INVALID and go on, or FRAME_TOO_LARGE / FRAME_TRUNCATED and
  /// close (the stream cannot be resynchronised).
  Reply handle_frame_error(const bridge::FrameEvent& event) const;

 private:
  Reply handle_hello(const nlohmann::json& message, SessionState& state) const;
  Reply handle_connectivity(const nlohmann::json& message, const SessionState& state) const;

  FactsSource facts_;
  ConnectivityCheck connectivity_;
};

}  // namespace postern::daemon
