#include "runtime/bridge/socket_runtime_link.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#if defined(__APPLE__)
#include <mach-o/dyld.h>
#endif

#include "base/codes.hpp"
#include "base/files.hpp"
#include "runtime/bridge/errc.hpp"
#include "runtime/bridge/runtime_spawn.hpp"

namespace postern::bridge {

namespace fs = std::filesystem;
using nlohmann::json;
namespace codes = base::codes;

namespace {

std::string dump(const json& message) {
  // Replace, never throw: a relayed payload with broken UTF-8 must not take the bridge down.
  return message.dump(-1, ' ', false, json::error_handler_t::replace);
}

// A string field, or "" when it is missing or not a string (value() would throw on the latter).
std::string string_field(const json& message, const char* name) {
  if (!message.is_object()) return "";
  auto it = message.find(name);
  return it != message.end() && it->is_string() ? it->get<std::string>() : "";
}

// The runtime's pid from its hello_ack, 0 when absent or not a number.
long pid_field(const json& message) {
  if (!message.is_object()) return 0;
  auto it = message.find("pid");
  return it != message.end() && it->is_number_integer() ? it->get<long>() : 0;
}

std::string millis(std::chrono::milliseconds value) {
  return std::to_string(value.count()) + " ms";
}

}  // namespace

std::optional<fs::path> find_runtime_binary(const base::Environment& env,
                                            const std::optional<fs::path>& bridge_executable) {
  // The override wins even when it names a missing file: starting it then fails with a message
  // that names it, which beats silently using another binary.
  if (auto named = env("POSTERN_RUNTIME_BINARY")) return fs::path(*named);
  if (!bridge_executable) return std::nullopt;
  const fs::path beside = bridge_executable->parent_path() / "postern-runtime";
  if (::access(beside.c_str(), X_OK) == 0) return beside;
  return std::nullopt;
}

std::optional<fs::path> current_executable_path() {
#if defined(__APPLE__)
  uint32_t size = 0;
  _NSGetExecutablePath(nullptr, &size);
  std::string buffer(size + 1, '\0');
  if (_NSGetExecutablePath(buffer.data(), &size) != 0) return std::nullopt;
  return fs::path(buffer.c_str());
#else
  std::error_code ec;
  auto path = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::nullopt : std::optional<fs::path>(path);
#endif
}

SocketRuntimeLink::SocketRuntimeLink(SocketRuntimeLinkOptions options)
    : options_(std::move(options)), decoder_(kMaxSocketFrame) {}

SocketRuntimeLink::~SocketRuntimeLink() {
  if (fd_ >= 0) ::close(fd_);
  let_go_of_child();
}

std::vector<std::string> SocketRuntimeLink::take_log() {
  return std::exchange(log_, {});
}

void SocketRuntimeLink::warm_up() {
  check_alive();
  if (state_ == State::idle) connect_or_start();
}

RuntimeStatus SocketRuntimeLink::status() {
  check_alive();
  if (state_ == State::idle) connect_or_start();
  return finish_handshake();
}

base::Status_or_error SocketRuntimeLink::send(const json& message) {
  const std::string remedy = "start it with `postern runtime start`; its log is " +
                             runtime_log_file(options_.runtime_dir).string();
  auto frame = encode_frame(dump(message), kMaxSocketFrame);
  if (!frame) return frame.error();
  // Two tries: the runtime may close an idle connection just as a message goes out, and a
  // fresh connection then carries it.
  for (int attempt = 0; attempt < 2; ++attempt) {
    const RuntimeStatus now = status();
    if (!now.connected)
      return base::Error{make_error_code(errc::runtime_not_running), now.message, remedy};
    if (write_frame_until(fd_, frame.value(), Clock::now() + kRelayWriteTimeout)) return base::Ok{};
    disconnect("lost the connection to postern-runtime while relaying a message");
  }
  return base::Error{
      make_error_code(errc::runtime_not_running),
      "the connection to postern-runtime broke while relaying " + string_field(message, "type"),
      remedy};
}

std::optional<json> SocketRuntimeLink::receive() {
  for (;;) {
    if (!inbox_.empty()) {
      json message = std::move(inbox_.front());
      inbox_.pop_front();
      return message;
    }
    if (fd_ < 0) return std::nullopt;
    // A deadline of "now" reads only what is already buffered: receive() never blocks.
    FrameEvent event = read_frame_until(fd_, decoder_, Clock::now());
    if (event.kind == FrameEvent::Kind::need_more) return std::nullopt;
    if (event.kind == FrameEvent::Kind::frame) {
      on_frame(std::move(event.message));
      continue;
    }
    disconnect(event.kind == FrameEvent::Kind::end
                   ? "postern-runtime closed the connection"
                   : "bad frame from postern-runtime: " + event.detail);
    return std::nullopt;
  }
}

bool SocketRuntimeLink::try_connect() {
  const fs::path socket_file = runtime_socket_file(options_.runtime_dir);
  auto connection = connect_runtime_socket(socket_file);
  last_failure_ = connection.failure;
  if (connection.fd < 0) {
    const bool down = connection.failure == ConnectFailure::socket_missing ||
                      connection.failure == ConnectFailure::refused;
    fail(failure_code(connection.failure),
         down ? "postern-runtime is not running (" + connection.detail + ")" : connection.detail);
    return false;
  }
  fd_ = connection.fd;
  decoder_ = FrameDecoder(kMaxSocketFrame);
  const json hello{{"type", "hello"}, {"client", options_.client}, {"protocol", kRuntimeProtocol}};
  auto frame = encode_frame(hello.dump(), kMaxSocketFrame);
  state_ = State::awaiting_ack;
  if (!frame || !write_frame_until(fd_, frame.value(), Clock::now() + options_.reply_timeout)) {
    disconnect("");
    fail(codes::runtime_not_responding, socket_file.string() + " closed before hello");
    return false;
  }
  return true;
}

void SocketRuntimeLink::connect_or_start() {
  if (try_connect()) return;
  if (can_start()) {
    start_runtime();
  } else if (!options_.runtime_binary && (last_failure_ == ConnectFailure::socket_missing ||
                                          last_failure_ == ConnectFailure::refused)) {
    failure_message_ += "; no postern-runtime was found beside the bridge to start";
  }
}

bool SocketRuntimeLink::can_start() const {
  if (!options_.runtime_binary) return false;
  // Only when nothing listens: a live runtime that answers badly is not replaced by a second.
  if (last_failure_ != ConnectFailure::socket_missing && last_failure_ != ConnectFailure::refused)
    return false;
  return !started_at_ || Clock::now() - *started_at_ >= kRestartInterval;
}

void SocketRuntimeLink::start_runtime() {
  started_at_ = Clock::now();
  const fs::path binary = *options_.runtime_binary;
  // The log goes into the runtime folder, which must exist (0700) before the child opens it.
  if (auto made = base::create_directories(options_.runtime_dir, /*private_dir=*/true); !made)
    return fail(
        codes::runtime_not_running,
        "postern-runtime is not running, and its folder cannot be made: " + made.error().message);
  auto pid = spawn_runtime(binary, options_.runtime_dir, options_.config_dir, options_.extra_args);
  if (!pid)
    return fail(codes::runtime_not_running,
                "postern-runtime is not running, and " + pid.error().message);
  let_go_of_child();  // an earlier runtime this link started, if it has not been reaped yet
  child_ = pid.value();
  child_status_.reset();
  start_pending_ = true;
  log_.push_back("started postern-runtime (pid " + std::to_string(*child_) +
                 "): " + binary.string());
}

bool SocketRuntimeLink::starting(Clock::time_point now) {
  if (!start_pending_) return false;
  reap_child();
  const std::string log = runtime_log_file(options_.runtime_dir).string();
  // Exit status 0 is the runtime saying "already running" (another bridge started one at the
  // same moment): keep trying to connect to that one.
  if (child_status_ && *child_status_ != 0) {
    start_pending_ = false;
    fail(codes::runtime_not_running, "postern-runtime exited with status " +
                                         std::to_string(*child_status_) + " as it started; see " +
                                         log);
    return false;
  }
  if (now - *started_at_ < options_.start_timeout) return true;
  start_pending_ = false;
  fail(codes::runtime_not_running,
       "postern-runtime was started (pid " + std::to_string(child_.value_or(0)) +
           ") but did not open " + runtime_socket_file(options_.runtime_dir).string() + " within " +
           millis(options_.start_timeout) + "; see " + log);
  return false;
}

RuntimeStatus SocketRuntimeLink::finish_handshake() {
  for (;;) {
    if (state_ == State::connected)
      return RuntimeStatus{true, "",
                           "connected to postern-runtime " +
                               string_field(hello_ack_, "runtime_version") + " (pid " +
                               std::to_string(pid_field(hello_ack_)) + ")"};
    if (state_ == State::awaiting_ack) {
      await_ack(Clock::now() + options_.reply_timeout);  // connected, or idle with the reason
      continue;
    }
    if (!starting(Clock::now())) return failure_status();
    std::this_thread::sleep_for(kConnectRetryInterval);
    if (try_connect()) continue;
    // Only "not there yet" is worth waiting out; another answer (a foreign socket) is final.
    if (last_failure_ != ConnectFailure::socket_missing &&
        last_failure_ != ConnectFailure::refused) {
      start_pending_ = false;
      return failure_status();
    }
  }
}

bool SocketRuntimeLink::await_ack(Clock::time_point deadline) {
  while (state_ == State::awaiting_ack) {
    FrameEvent event = read_frame_until(fd_, decoder_, deadline);
    if (event.kind == FrameEvent::Kind::frame) {
      on_frame(std::move(event.message));
      continue;
    }
    const fs::path socket_file = runtime_socket_file(options_.runtime_dir);
    disconnect("");
    // The runtime is there but silent: not "not running", and not worth starting another.
    start_pending_ = false;
    fail(codes::runtime_not_responding,
         event.kind == FrameEvent::Kind::need_more
             ? socket_file.string() +
                   " accepted the connection, but postern-runtime did not "
                   "answer hello within " +
                   millis(options_.reply_timeout)
             : socket_file.string() + " closed the connection during hello");
  }
  return state_ == State::connected;
}

void SocketRuntimeLink::on_frame(json message) {
  const std::string type = string_field(message, "type");
  if (type == "hello_ack") {
    hello_ack_ = std::move(message);
    state_ = State::connected;
    start_pending_ = false;
    failure_code_.clear();
    failure_message_.clear();
    log_.push_back("connected to postern-runtime " + string_field(hello_ack_, "runtime_version") +
                   " (pid " + std::to_string(pid_field(hello_ack_)) + ")");
    return;
  }
  if (state_ == State::awaiting_ack && type == "error") {
    // Refused during the handshake (RUNTIME_BUSY, a protocol it does not speak): say so.
    const std::string code = string_field(message, "code");
    disconnect("");
    start_pending_ = false;
    fail(
        code == codes::runtime_busy ? code : std::string(codes::runtime_not_responding),
        "postern-runtime refused the connection: " + code + " " + string_field(message, "message"));
    return;
  }
  inbox_.push_back(std::move(message));
}

void SocketRuntimeLink::check_alive() {
  reap_child();
  if (state_ != State::connected) return;
  pollfd ready{fd_, POLLIN, 0};
  if (::poll(&ready, 1, 0) <= 0) return;
  // Readable: either messages are waiting (alive) or the runtime closed (recv answers 0).
  char byte;
  const ssize_t n = ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
    disconnect("postern-runtime closed the connection");
}

void SocketRuntimeLink::reap_child() {
  if (!child_ || child_status_) return;
  int status = 0;
  // Only our own child, by its pid: the runtime outlives most bridges, and one that exits while
  // the bridge still runs must not stay a zombie.
  if (::waitpid(*child_, &status, WNOHANG) == *child_)
    child_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void SocketRuntimeLink::let_go_of_child() {
  reap_child();
  // Still running: it outlives what this link knows of it, and must not become a zombie of a
  // long-lived starter (the wizard) once it exits.
  if (child_ && !child_status_) reap_when_it_exits(*child_);
}

void SocketRuntimeLink::disconnect(const std::string& why) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  state_ = State::idle;
  decoder_ = FrameDecoder(kMaxSocketFrame);
  if (!why.empty()) {
    log_.push_back(why);
    fail(codes::runtime_not_running, why);
  }
}

void SocketRuntimeLink::fail(std::string_view code, std::string message) {
  failure_code_ = std::string(code.empty() ? codes::runtime_not_running : code);
  failure_message_ = std::move(message);
}

RuntimeStatus SocketRuntimeLink::failure_status() const {
  return RuntimeStatus{
      false, failure_code_.empty() ? std::string(codes::runtime_not_running) : failure_code_,
      failure_message_.empty() ? "postern-runtime is not running" : failure_message_};
}

}  // namespace postern::bridge
