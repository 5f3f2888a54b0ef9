#pragma once
// A test client for the runtime socket: raw frames in and out with bounded waits, on the
// bridge's POSIX helpers (runtime_probe.hpp), so a hung runtime fails a test instead of hanging.

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "runtime/bridge/frame_codec.hpp"
#include "runtime/bridge/runtime_probe.hpp"

namespace postern::testing {

/// One connection to a runtime socket.
class SocketClient {
 public:
  using Clock = std::chrono::steady_clock;

  explicit SocketClient(const std::filesystem::path& socket_file)
      : decoder_(bridge::kMaxSocketFrame) {
    auto connection = bridge::connect_runtime_socket(socket_file);
    fd_ = connection.fd;
    failure_ = connection.detail;
  }
  ~SocketClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  SocketClient(const SocketClient&) = delete;
  SocketClient& operator=(const SocketClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  const std::string& failure() const { return failure_; }
  int fd() const { return fd_; }

  /// Sends raw bytes (a frame, a broken frame, half a frame).
  bool send_raw(std::string_view bytes) {
    return bridge::write_frame_until(fd_, bytes, Clock::now() + std::chrono::seconds(2));
  }
  /// Sends one message as a frame.
  bool send(const nlohmann::json& message) {
    return send_raw(bridge::encode_frame(message.dump(), bridge::kMaxSocketFrame).value());
  }
  /// The next message, or nullopt after `timeout` or at end of stream.
  std::optional<nlohmann::json> reply(std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
    auto event = bridge::read_frame_until(fd_, decoder_, Clock::now() + timeout);
    if (event.kind != bridge::FrameEvent::Kind::frame) return std::nullopt;
    return event.message;
  }
  /// True when the server closes the connection within `timeout` (frames before it are skipped).
  bool closed(std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      auto event = bridge::read_frame_until(fd_, decoder_, deadline);
      if (event.kind == bridge::FrameEvent::Kind::frame) continue;
      return event.kind != bridge::FrameEvent::Kind::need_more;
    }
  }
  /// Says hello as `client` and returns the answer (null when none came).
  nlohmann::json hello(const std::string& client = "cli") {
    send({{"type", "hello"}, {"client", client}, {"protocol", 1}});
    return reply().value_or(nullptr);
  }

 private:
  int fd_ = -1;
  std::string failure_;
  bridge::FrameDecoder decoder_;
};

}  // namespace postern::testing
