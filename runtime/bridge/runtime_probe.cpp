#include "runtime/bridge/runtime_probe.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <thread>

#include "base/codes.hpp"
#include "runtime/bridge/errc.hpp"

namespace postern::bridge {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

namespace {

// Bytes read per call: a whole small reply in one go, and a bounded stack/heap footprint.
constexpr std::size_t kReadChunk = 64 * 1024;

#if defined(MSG_NOSIGNAL)
constexpr int kSendFlags = MSG_NOSIGNAL;  // Linux: EPIPE instead of a process-killing SIGPIPE
#else
constexpr int kSendFlags = 0;  // macOS: SO_NOSIGPIPE is set on the socket instead
#endif

// Milliseconds left until `deadline`, 0 when it has passed, for poll().
int millis_left(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::clamp<long long>(left.count(), 0, 60 * 60 * 1000));
}

SocketConnection fail(ConnectFailure failure, std::string detail, int fd = -1) {
  if (fd >= 0) ::close(fd);
  return SocketConnection{-1, failure, std::move(detail)};
}

// Closes a descriptor when the probe returns, whichever way.
struct FdGuard {
  int fd;
  ~FdGuard() {
    if (fd >= 0) ::close(fd);
  }
};

// What one request on the probe's connection brought back.
struct Answer {
  std::optional<json> message;
  ConnectFailure failure = ConnectFailure::none;
  std::string detail;
};

// Sends `request` and waits for a message of type `expected`; an error frame ends the wait.
Answer ask(int fd, FrameDecoder& decoder, const json& request, std::string_view expected,
           Clock::time_point deadline) {
  auto frame = encode_frame(request.dump(), kMaxSocketFrame);
  if (!frame || !write_frame_until(fd, frame.value(), deadline))
    return {std::nullopt, ConnectFailure::protocol, "the runtime closed the connection"};
  for (;;) {
    FrameEvent event = read_frame_until(fd, decoder, deadline);
    if (event.kind == FrameEvent::Kind::need_more)
      return {std::nullopt, ConnectFailure::timeout,
              "no answer to " + request.value("type", std::string()) + " in time"};
    if (event.kind != FrameEvent::Kind::frame)
      return {std::nullopt, ConnectFailure::protocol,
              event.kind == FrameEvent::Kind::end ? "the runtime closed the connection"
                                                  : "bad frame from the runtime: " + event.detail};
    const std::string type = event.message.is_object() ? event.message.value("type", "") : "";
    if (type == expected) return {std::move(event.message), ConnectFailure::none, ""};
    if (type == "error")
      return {std::nullopt, ConnectFailure::other,
              "the runtime answered " + event.message.value("code", std::string("an error")) +
                  ": " + event.message.value("message", std::string())};
  }
}

RuntimeProbe not_running(ConnectFailure failure, std::string message) {
  RuntimeProbe probe;
  probe.failure = failure;
  probe.code = std::string(failure_code(failure));
  if (probe.code.empty()) probe.code = std::string(base::codes::runtime_not_running);
  probe.message = std::move(message);
  return probe;
}

json cli_hello() {
  return json{{"type", "hello"}, {"client", "cli"}, {"protocol", kRuntimeProtocol}};
}

}  // namespace

fs::path runtime_socket_file(const fs::path& runtime_dir) {
  return runtime_dir / kRuntimeSocketName;
}
fs::path runtime_pid_file(const fs::path& runtime_dir) {
  return runtime_dir / kRuntimePidName;
}
fs::path runtime_log_file(const fs::path& runtime_dir) {
  return runtime_dir / kRuntimeLogName;
}

std::optional<unsigned long> peer_user_id(int fd) {
#if defined(SO_PEERCRED)
  ucred credentials{};
  socklen_t size = sizeof credentials;
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &size) != 0) return std::nullopt;
  return static_cast<unsigned long>(credentials.uid);
#else
  uid_t uid = 0;
  gid_t gid = 0;
  if (::getpeereid(fd, &uid, &gid) != 0) return std::nullopt;
  return static_cast<unsigned long>(uid);
#endif
}

std::string_view to_string(ConnectFailure failure) {
  switch (failure) {
    case ConnectFailure::none:
      return "none";
    case ConnectFailure::socket_missing:
      return "socket_missing";
    case ConnectFailure::refused:
      return "refused";
    case ConnectFailure::foreign_user:
      return "foreign_user";
    case ConnectFailure::timeout:
      return "timeout";
    case ConnectFailure::protocol:
      return "protocol";
    case ConnectFailure::other:
      return "other";
  }
  return "other";
}

std::string_view failure_code(ConnectFailure failure) {
  switch (failure) {
    case ConnectFailure::none:
      return "";
    case ConnectFailure::timeout:
    case ConnectFailure::protocol:
      return base::codes::runtime_not_responding;
    case ConnectFailure::foreign_user:
      return base::codes::runtime_foreign_socket;
    default:
      return base::codes::runtime_not_running;
  }
}

SocketConnection connect_runtime_socket(const fs::path& socket_file) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string path = socket_file.string();
  if (path.size() >= sizeof address.sun_path)
    return fail(ConnectFailure::other, path + " is longer than a socket path may be (" +
                                           std::to_string(sizeof address.sun_path - 1) + ")");
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  if (fd < 0) return fail(ConnectFailure::other, std::string("socket(): ") + std::strerror(errno));
  // Close-on-exec: a runtime the bridge starts must not inherit the bridge's connection.
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
#if defined(SO_NOSIGPIPE)
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, sizeof on);
#endif
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int err = errno;
    if (err == ENOENT) return fail(ConnectFailure::socket_missing, "no socket at " + path, fd);
    if (err == ECONNREFUSED)
      return fail(ConnectFailure::refused, "nothing listens on " + path + " (a stale socket)", fd);
    return fail(ConnectFailure::other, "cannot connect to " + path + ": " + std::strerror(err), fd);
  }
  // The 0700 folder keeps other users out; this catches a socket someone else put there (a
  // squatted /tmp/postern-<uid>), since the bridge is about to send it decrypted traffic.
  const auto owner = peer_user_id(fd);
  if (!owner || *owner != static_cast<unsigned long>(::geteuid()))
    return fail(ConnectFailure::foreign_user,
                path + " is served by " +
                    (owner ? "user id " + std::to_string(*owner) : std::string("an unknown user")) +
                    ", not by this user",
                fd);
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return SocketConnection{fd, ConnectFailure::none, ""};
}

bool write_frame_until(int fd, std::string_view frame, Clock::time_point deadline) {
  while (!frame.empty()) {
    const ssize_t n = ::send(fd, frame.data(), frame.size(), kSendFlags);
    if (n > 0) {
      frame.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd wait{fd, POLLOUT, 0};
      const int left = millis_left(deadline);
      if (left == 0 || ::poll(&wait, 1, left) <= 0) return false;
      continue;
    }
    return false;
  }
  return true;
}

FrameEvent read_frame_until(int fd, FrameDecoder& decoder, Clock::time_point deadline) {
  char buffer[kReadChunk];
  for (;;) {
    FrameEvent event = decoder.next();
    if (event.kind != FrameEvent::Kind::need_more) return event;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n > 0) {
      decoder.feed({buffer, static_cast<std::size_t>(n)});
      continue;
    }
    if (n == 0) return decoder.finish();
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return decoder.finish();
    pollfd wait{fd, POLLIN, 0};
    const int left = millis_left(deadline);
    if (left == 0) return event;  // need_more: nothing complete in time
    const int ready = ::poll(&wait, 1, left);
    if (ready == 0) return event;
    if (ready < 0 && errno != EINTR) return decoder.finish();
  }
}

RuntimeProbe runtime_status(const base::AppPaths& paths, std::chrono::milliseconds timeout) {
  return runtime_status_at(paths.runtime, timeout);
}

RuntimeProbe runtime_status_at(const fs::path& runtime_dir, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  auto connection = connect_runtime_socket(runtime_socket_file(runtime_dir));
  if (connection.fd < 0) return not_running(connection.failure, connection.detail);
  FdGuard guard{connection.fd};
  FrameDecoder decoder(kMaxSocketFrame);
  Answer ack = ask(connection.fd, decoder, cli_hello(), "hello_ack", deadline);
  if (!ack.message) return not_running(ack.failure, ack.detail);
  Answer status =
      ask(connection.fd, decoder, {{"type", "status.get"}, {"id", "probe"}}, "status", deadline);
  if (!status.message) return not_running(status.failure, status.detail);
  RuntimeProbe probe;
  probe.running = true;
  probe.failure = ConnectFailure::none;
  // value() with a default of the right type never throws on a missing field; a field of the
  // wrong type would, which is a broken runtime and caught by the front end.
  probe.pid = ack.message->value("pid", 0L);
  probe.version = ack.message->value("runtime_version", std::string());
  probe.started_at = ack.message->value("started_at", std::string());
  probe.uptime_s = status.message->value("uptime_s", std::int64_t{0});
  probe.clients = status.message->value("clients", std::size_t{0});
  probe.message =
      "postern-runtime " + probe.version + " is running (pid " + std::to_string(probe.pid) + ")";
  return probe;
}

RuntimeAnswer ask_runtime(const fs::path& runtime_dir, const json& request,
                          std::string_view expected, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  auto connection = connect_runtime_socket(runtime_socket_file(runtime_dir));
  if (connection.fd < 0) return {std::nullopt, connection.failure, connection.detail};
  FdGuard guard{connection.fd};
  FrameDecoder decoder(kMaxSocketFrame);
  Answer ack = ask(connection.fd, decoder, cli_hello(), "hello_ack", deadline);
  if (!ack.message) return {std::nullopt, ack.failure, ack.detail};
  Answer answer = ask(connection.fd, decoder, request, expected, deadline);
  return {std::move(answer.message), answer.failure, std::move(answer.detail)};
}

std::optional<long> read_pid_file(const fs::path& pid_file) {
  std::ifstream in(pid_file);
  long pid = 0;
  if (!(in >> pid) || pid <= 0) return std::nullopt;
  return pid;
}

bool wait_for_runtime_exit(const fs::path& runtime_dir, Clock::time_point deadline) {
  const fs::path pid_file = runtime_pid_file(runtime_dir);
  for (;;) {
    const int fd = ::open(pid_file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    // No pid file: the runtime removed it as it stopped (it drops the lock a moment later), or
    // its folder has gone. Either way nothing holds the folder any more.
    if (fd < 0) return true;
    // The runtime holds an exclusive lock until it exits; a shared one we can take means it has.
    // It is dropped at once, so a runtime starting now is not kept out.
    const bool free = ::flock(fd, LOCK_SH | LOCK_NB) == 0;
    ::close(fd);
    if (free) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

base::Status_or_error request_runtime_shutdown(const fs::path& runtime_dir,
                                               std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  const auto pid = read_pid_file(runtime_pid_file(runtime_dir));
  RuntimeAnswer done =
      ask_runtime(runtime_dir, {{"type", "shutdown"}, {"id", "stop"}}, "shutdown_ack", timeout);
  const std::string kill_it = pid ? "stop it with `kill " + std::to_string(*pid) + "`"
                                  : "stop it with `kill <pid>` (the pid is in its pid file)";
  if (!done.message) {
    if (done.failure == ConnectFailure::socket_missing || done.failure == ConnectFailure::refused)
      return base::Ok{};  // nothing runs: already stopped
    return base::Error{make_error_code(errc::runtime_not_running),
                       "cannot ask postern-runtime to stop: " + done.detail, kill_it};
  }
  // The answer comes before the runtime is done: it still flushes the capture store and closes
  // its connections. Stopped means gone, so that whoever removes its folders or starts the next
  // runtime right after finds the folder free.
  if (wait_for_runtime_exit(runtime_dir, deadline)) return base::Ok{};
  return base::Error{make_error_code(errc::runtime_not_running),
                     "postern-runtime agreed to stop but is still running after " +
                         std::to_string(timeout.count()) + " ms",
                     kill_it};
}

}  // namespace postern::bridge
