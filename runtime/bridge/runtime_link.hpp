#pragma once
// How the bridge reaches postern-runtime. The runtime and its local socket arrive in a later
// issue; until then the host uses NullRuntimeLink, which says RUNTIME_NOT_RUNNING to everything,
// so the extension already gets the named status it will show in its popup.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/result.hpp"

namespace postern::bridge {

/// Whether the runtime can be reached, as reported to the extension in hello_ack and status.
struct RuntimeStatus {
  bool connected = false;  ///< true when messages can be relayed now
  std::string code;        ///< empty when connected, else a stable code (RUNTIME_NOT_RUNNING)
  std::string message;     ///< a sentence for the popup and the log
};

/// A channel to the runtime carrying opaque JSON messages both ways. Implementations do the
/// I/O (the local socket of DESIGN.md); the session only calls these.
class RuntimeLink {
 public:
  virtual ~RuntimeLink() = default;
  /// Whether the runtime is reachable right now.
  virtual RuntimeStatus status() = 0;
  /// Sends one message to the runtime; an error (errc::runtime_not_running) when it cannot.
  virtual base::Status_or_error send(const nlohmann::json& message) = 0;
  /// The next message from the runtime, if one is waiting; never blocks.
  virtual std::optional<nlohmann::json> receive() = 0;
};

/// The link used until the runtime exists: never connected, refuses every send.
class NullRuntimeLink final : public RuntimeLink {
 public:
  /// Always {connected: false, RUNTIME_NOT_RUNNING}.
  RuntimeStatus status() override;
  /// Always errc::runtime_not_running, with the command that starts the runtime as remedy.
  base::Status_or_error send(const nlohmann::json& message) override;
  /// Never has a message.
  std::optional<nlohmann::json> receive() override { return std::nullopt; }
};

}  // namespace postern::bridge
