#pragma once
// The client side of postern-runtime's local socket (docs/runtime-socket.md), without Asio: the
// bridge must start in milliseconds, and the CLI's doctor only asks "is it running?". Holds the
// socket's file names and limits (postern-runtime uses the same ones, so both sides agree),
// bounded blocking helpers for one frame in or out, and runtime_status(), the probe behind
// RUNTIME_NOT_RUNNING in `postern doctor`. POSIX only: Windows gets a named pipe in its port.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/app_paths.hpp"
#include "base/result.hpp"
#include "runtime/bridge/frame_codec.hpp"

namespace postern::bridge {

/// The socket's file name inside the runtime folder (`base::AppPaths::runtime`, 0700).
inline constexpr std::string_view kRuntimeSocketName = "postern.sock";
/// The runtime's pid file; it also holds the lock that says "a runtime owns this folder".
inline constexpr std::string_view kRuntimePidName = "postern-runtime.pid";
/// Where a runtime started by the bridge writes stdout and stderr.
inline constexpr std::string_view kRuntimeLogName = "postern-runtime.log";
/// The socket protocol version both sides speak (hello.protocol).
inline constexpr int kRuntimeProtocol = 1;
/// Largest frame on the socket, either way. The bridge relays what the extension sends, and
/// the bridge accepts 64 MiB from the browser (kDefaultInboundCap), so the socket must too.
inline constexpr std::size_t kMaxSocketFrame = kDefaultInboundCap;
/// How long runtime_status() waits in all, by default. A live runtime answers in well under a
/// millisecond; a quarter second leaves room for a loaded machine without stalling the doctor.
inline constexpr std::chrono::milliseconds kProbeTimeout{250};

/// `<runtime_dir>/postern.sock`.
std::filesystem::path runtime_socket_file(const std::filesystem::path& runtime_dir);
/// `<runtime_dir>/postern-runtime.pid`.
std::filesystem::path runtime_pid_file(const std::filesystem::path& runtime_dir);
/// `<runtime_dir>/postern-runtime.log`.
std::filesystem::path runtime_log_file(const std::filesystem::path& runtime_dir);

/// The user id of the process at the other end of a connected Unix socket (SO_PEERCRED on
/// Linux, getpeereid elsewhere); nullopt when the OS will not say.
std::optional<unsigned long> peer_user_id(int fd);

/// Why the runtime could not be reached.
enum class ConnectFailure {
  none,            ///< it was reached
  socket_missing,  ///< no socket file: no runtime has run, or it stopped cleanly
  refused,         ///< a socket file nobody listens on: the runtime died without cleaning up
  foreign_user,    ///< the socket belongs to another user's process; we never talk to it
  timeout,         ///< it accepted the connection but did not answer in time
  protocol,        ///< it answered with something that is not the runtime protocol
  other,           ///< any other failure (path too long, out of descriptors, ...)
};

/// "socket_missing", "refused", ... for logs and --json output.
std::string_view to_string(ConnectFailure failure);
/// The stable code for a failure: RUNTIME_NOT_RUNNING, RUNTIME_NOT_RESPONDING or
/// RUNTIME_FOREIGN_SOCKET (empty for none).
std::string_view failure_code(ConnectFailure failure);

/// The outcome of connect_runtime_socket().
struct SocketConnection {
  int fd = -1;                                     ///< non-blocking, close-on-exec; -1 on failure
  ConnectFailure failure = ConnectFailure::other;  ///< none when fd is valid
  std::string detail;                              ///< why, naming the socket file
};

/// Connects to the runtime's socket and checks that the listener runs as this user. Never
/// blocks: a Unix-socket connect either completes at once or fails. The caller closes fd.
SocketConnection connect_runtime_socket(const std::filesystem::path& socket_file);

/// Writes one whole frame, waiting for buffer space until `deadline`; false when the peer went
/// away or the deadline passed. Never raises SIGPIPE.
bool write_frame_until(int fd, std::string_view frame,
                       std::chrono::steady_clock::time_point deadline);

/// The next frame from `fd`, reading until `deadline` (a deadline in the past reads only what
/// is already there). Answers `frame`, `need_more` (nothing complete in time), `end` (the peer
/// closed cleanly) or an error, as FrameDecoder does.
FrameEvent read_frame_until(int fd, FrameDecoder& decoder,
                            std::chrono::steady_clock::time_point deadline);

/// What runtime_status() found.
struct RuntimeProbe {
  bool running = false;                            ///< it answered hello and status.get
  ConnectFailure failure = ConnectFailure::other;  ///< why not, when not running
  std::string code;           ///< when not running: the stable code of failure_code()
  std::string message;        ///< a sentence naming the socket file
  long pid = 0;               ///< the runtime's process id
  std::string version;        ///< the runtime's version ("0.1.0")
  std::string started_at;     ///< when it started, UTC, ISO 8601
  std::int64_t uptime_s = 0;  ///< seconds since it started
  std::size_t clients = 0;    ///< connected clients, this probe included
};

/// Asks the runtime of `paths` whether it is running: connect, hello as a `cli` client,
/// status.get. Every wait ends by `timeout`. Never starts the runtime.
RuntimeProbe runtime_status(const base::AppPaths& paths,
                            std::chrono::milliseconds timeout = kProbeTimeout);
/// The same, for the runtime folder `runtime_dir`.
RuntimeProbe runtime_status_at(const std::filesystem::path& runtime_dir,
                               std::chrono::milliseconds timeout = kProbeTimeout);

/// What ask_runtime() brought back: the answer, or why there is none.
struct RuntimeAnswer {
  std::optional<nlohmann::json> message;           ///< the answer of the expected type
  ConnectFailure failure = ConnectFailure::other;  ///< none when message is set
  std::string detail;                              ///< why not, naming the socket or the error
};

/// Connects to the runtime in `runtime_dir` as a `cli` client, sends `request` and waits until
/// `timeout` for an answer of type `expected` (an `error` answer ends the wait). Never starts it.
RuntimeAnswer ask_runtime(const std::filesystem::path& runtime_dir, const nlohmann::json& request,
                          std::string_view expected, std::chrono::milliseconds timeout);

/// How long a stop waits for the runtime to answer and then exit. A healthy runtime is gone in
/// milliseconds; it first flushes the capture store and closes its connections, which can take
/// seconds on a loaded machine with a slow disk.
inline constexpr std::chrono::milliseconds kRuntimeStopTimeout{10000};

/// The pid written in `pid_file`, or nullopt when it is missing or not a number.
std::optional<long> read_pid_file(const std::filesystem::path& pid_file);

/// Waits, until `deadline`, for the runtime owning `runtime_dir` to exit: it holds its pid file's
/// lock for as long as it lives (runtime/daemon/instance_lock.hpp). True once nothing holds it.
bool wait_for_runtime_exit(const std::filesystem::path& runtime_dir,
                           std::chrono::steady_clock::time_point deadline);

/// Asks the runtime in `runtime_dir` to stop (`shutdown` as a `cli` client) and waits, until
/// `timeout`, for its answer and then for the process to exit. Success when it has gone, or when
/// no runtime was running.
base::Status_or_error request_runtime_shutdown(const std::filesystem::path& runtime_dir,
                                               std::chrono::milliseconds timeout);

}  // namespace postern::bridge
