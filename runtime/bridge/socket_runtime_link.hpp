#pragma once
// The bridge's real RuntimeLink: postern-runtime's Unix socket (docs/runtime-socket.md), in
// plain POSIX calls, because Asio would cost the bridge start-up time it does not have.
//
// The link connects lazily and says hello as a `bridge` client. When no runtime answers (no
// socket, or a stale one), it starts postern-runtime detached (its own session, stdio into
// `<runtime>/postern-runtime.log`) and keeps trying to connect for up to kRuntimeStartTimeout.
// Every wait is bounded, and every outcome becomes an honest RuntimeStatus for hello_ack.
// warm_up() lets the host begin all this before the extension's hello arrives, so a runtime
// that has to be started boots while the browser is still sending.

#include <sys/types.h>

#include <chrono>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/environment.hpp"
#include "runtime/bridge/frame_codec.hpp"
#include "runtime/bridge/runtime_link.hpp"
#include "runtime/bridge/runtime_probe.hpp"

namespace postern::bridge {

/// How long a running runtime may take to answer hello. It answers in microseconds; the bound
/// only matters for a hung runtime, and the extension's hello waits for it, so it is short.
inline constexpr std::chrono::milliseconds kRuntimeReplyTimeout{300};
/// How long after starting postern-runtime the link keeps trying to connect (issue 3: the
/// bridge starts the runtime itself; a cold start takes a few milliseconds, a cold disk more).
inline constexpr std::chrono::milliseconds kRuntimeStartTimeout{1500};
/// Pause between connect attempts while a started runtime boots.
inline constexpr std::chrono::milliseconds kConnectRetryInterval{3};
/// Shortest time between two starts by one bridge, so a runtime that dies at once is not
/// restarted on every status.get.
inline constexpr std::chrono::milliseconds kRestartInterval{10000};
/// Longest wait for socket buffer space when relaying one message.
inline constexpr std::chrono::milliseconds kRelayWriteTimeout{2000};
/// A runtime log over this size is moved to `.log.1` before the next start, so the log a
/// user is asked to read stays short and the folder stays bounded.
inline constexpr std::uintmax_t kMaxRuntimeLogBytes = 1024 * 1024;

/// What the link needs to know.
struct SocketRuntimeLinkOptions {
  std::filesystem::path runtime_dir;  ///< `<runtime>`: holds postern.sock, the pid and log files
  std::filesystem::path config_dir;   ///< `<config>` for a runtime it starts; empty: its default
  /// postern-runtime to start when none answers; nullopt never starts one.
  std::optional<std::filesystem::path> runtime_binary;
  /// More arguments for a runtime it starts (the CLI's `--port N`, `--lan`).
  std::vector<std::string> extra_args;
  std::string client = "bridge";                                   ///< hello.client
  std::chrono::milliseconds reply_timeout = kRuntimeReplyTimeout;  ///< hello -> hello_ack
  std::chrono::milliseconds start_timeout = kRuntimeStartTimeout;  ///< start -> connected
};

/// The postern-runtime to start: $POSTERN_RUNTIME_BINARY when set (tests, and installs that keep
/// it elsewhere), else `postern-runtime` beside `bridge_executable`; nullopt when neither exists.
std::optional<std::filesystem::path> find_runtime_binary(
    const base::Environment& env, const std::optional<std::filesystem::path>& bridge_executable);

/// The path of the running program (/proc/self/exe); nullopt where the OS does not say.
std::optional<std::filesystem::path> current_executable_path();

/// A RuntimeLink over postern-runtime's local socket.
class SocketRuntimeLink final : public RuntimeLink {
 public:
  /// A link that has not connected yet.
  explicit SocketRuntimeLink(SocketRuntimeLinkOptions options);
  /// Closes the connection. A runtime the link started keeps running: it serves every bridge.
  ~SocketRuntimeLink() override;
  SocketRuntimeLink(const SocketRuntimeLink&) = delete;
  SocketRuntimeLink& operator=(const SocketRuntimeLink&) = delete;

  /// Starts connecting without waiting: one connect attempt (sending hello when it succeeds),
  /// else starts the runtime. status() finishes the handshake.
  void warm_up();
  /// Connected, or the reason not: connects, and starts the runtime, when needed (bounded).
  RuntimeStatus status() override;
  /// Relays `message`, connecting first when needed; errc::runtime_not_running when it cannot.
  base::Status_or_error send(const nlohmann::json& message) override;
  /// The next message from the runtime that is already here; never blocks. hello_ack answers
  /// are the link's own and are not returned.
  std::optional<nlohmann::json> receive() override;

  /// The socket to poll for messages from the runtime; -1 when not connected.
  int fd() const { return fd_; }
  /// The process id of the runtime this link started, if it started one.
  std::optional<pid_t> started_pid() const { return child_; }
  /// The runtime's last hello_ack (pid, runtime_version, started_at); null before one.
  const nlohmann::json& hello_ack() const { return hello_ack_; }
  /// Log lines gathered since the last call (connected, started, lost), for the host's stderr.
  std::vector<std::string> take_log();

 private:
  enum class State { idle, awaiting_ack, connected };
  using Clock = std::chrono::steady_clock;

  bool try_connect();
  void connect_or_start();
  bool can_start() const;
  void start_runtime();
  bool starting(Clock::time_point now);
  RuntimeStatus finish_handshake();
  bool await_ack(Clock::time_point deadline);
  void on_frame(nlohmann::json message);
  void check_alive();
  void reap_child();
  void let_go_of_child();  // reaps it now, or hands it to reap_when_it_exits
  void disconnect(const std::string& why);
  void fail(std::string_view code, std::string message);
  RuntimeStatus failure_status() const;

  SocketRuntimeLinkOptions options_;
  State state_ = State::idle;
  int fd_ = -1;
  FrameDecoder decoder_;
  std::deque<nlohmann::json> inbox_;  // messages for receive()
  nlohmann::json hello_ack_;
  std::optional<pid_t> child_;
  std::optional<int> child_status_;  // exit status once reaped
  std::optional<Clock::time_point> started_at_;
  bool start_pending_ = false;  // started, and not connected or given up on yet
  ConnectFailure last_failure_ = ConnectFailure::none;
  std::string failure_code_;
  std::string failure_message_;
  std::vector<std::string> log_;
};

}  // namespace postern::bridge
