// postern-bridge: the native-messaging host the browser starts (DESIGN.md "Native messaging").
// All protocol logic lives in BridgeSession; this file only moves bytes between stdin/stdout and
// the session and carries out its actions. stdout carries frames and nothing else: a single
// stray byte there corrupts the browser's framing, so every log line goes to stderr (Chromium
// copies a host's stderr into its own log) and the handshake outcome into a file for the doctor.
// On POSIX the runtime is reached through SocketRuntimeLink, which may start postern-runtime;
// the loop then waits on stdin and the runtime socket at once, so the runtime's answers reach
// the extension as they arrive. Tested through the real binary in
// tests/runtime/bridge/main_test.cpp.
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#ifdef _WIN32
#include <fcntl.h>
#include <io.h>
#define POSTERN_READ _read
#define POSTERN_WRITE _write
#else
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#define POSTERN_READ ::read
#define POSTERN_WRITE ::write
#endif

#include "base/app_paths.hpp"
#include "base/files.hpp"
#include "runtime/bridge/allowed_origins.hpp"
#include "runtime/bridge/bridge_key_store.hpp"
#include "runtime/bridge/bridge_session.hpp"
#include "runtime/bridge/runtime_link.hpp"
#ifndef _WIN32
#include "runtime/bridge/socket_runtime_link.hpp"
#endif

namespace {

using namespace postern;
using bridge::Action;

void log_line(const std::string& text) {
  std::fprintf(stderr, "postern-bridge: %s\n", text.c_str());
  std::fflush(stderr);
}

// The one place that writes to stdout: a loop over partial writes and interrupted calls.
bool write_all(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto n = POSTERN_WRITE(1, bytes.data(), static_cast<unsigned>(bytes.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Used when our own folders cannot be found (no HOME): hello then names the problem.
class UnavailableKeyStore final : public bridge::KeyStore {
 public:
  explicit UnavailableKeyStore(base::Error error) : error_(std::move(error)) {}
  base::Result<std::optional<bridge::BridgeKey>> load() override { return error_; }
  base::Status_or_error save(const bridge::BridgeKey&) override { return error_; }

 private:
  base::Error error_;
};

void write_record(const std::optional<base::AppPaths>& paths, nlohmann::json record) {
  if (!paths) return;
  record["time"] = static_cast<long long>(std::time(nullptr));
  const auto dir = paths->runtime / "bridge";
  auto made = base::create_directories(paths->runtime, /*private_dir=*/true);
  auto written =
      made ? base::write_file_atomically(dir / "last-handshake.json", record.dump(2) + "\n",
                                         base::FileMode::owner_only)
           : made;
  if (!written) log_line("cannot record the handshake: " + written.error().message);
}

// Carries out `actions`; returns the exit status when one of them ends the process.
std::optional<int> perform(const bridge::Actions& actions,
                           const std::optional<base::AppPaths>& paths) {
  for (const auto& action : actions) {
    switch (action.kind) {
      case Action::Kind::send:
        if (!write_all(action.bytes)) {
          log_line("stdout is closed; the browser went away");
          return bridge::kExitClean;
        }
        break;
      case Action::Kind::log:
        log_line(action.text);
        break;
      case Action::Kind::record:
        write_record(paths, action.record);
        break;
      case Action::Kind::exit:
        return action.exit_code;
    }
  }
  return std::nullopt;
}

bridge::SessionLimits limits_from_environment() {
  bridge::SessionLimits limits;
  // POSTERN_BRIDGE_MAX_FRAME lowers or raises the inbound cap (bytes, 1 KiB .. 1 GiB).
  if (const char* text = std::getenv("POSTERN_BRIDGE_MAX_FRAME")) {
    const unsigned long long value = std::strtoull(text, nullptr, 10);
    if (value >= 1024 && value <= (1ull << 30)) {
      limits.max_inbound_frame = static_cast<std::size_t>(value);
      limits.max_message = limits.max_inbound_frame;
    } else {
      log_line("ignoring POSTERN_BRIDGE_MAX_FRAME: not a number of bytes from 1024 to 2^30");
    }
  }
  return limits;
}

#ifdef _WIN32
// The Windows runtime link (a named pipe) comes with the Windows port; until then, none.
class SocketRuntimeLink {};
#else
using bridge::SocketRuntimeLink;
#endif

// The runtime link's own log lines (connected, started, lost) go to stderr with ours.
void flush_link_log([[maybe_unused]] SocketRuntimeLink* link) {
#ifndef _WIN32
  if (link)
    for (const auto& line : link->take_log())
      log_line(line);
#endif
}

std::unique_ptr<SocketRuntimeLink> make_socket_link(
    [[maybe_unused]] const std::optional<base::AppPaths>& paths) {
#ifdef _WIN32
  return nullptr;
#else
  if (!paths) return nullptr;
  bridge::SocketRuntimeLinkOptions options;
  options.runtime_dir = paths->runtime;
  options.config_dir = paths->config;
  // postern-runtime ships beside postern-bridge; POSTERN_RUNTIME_BINARY overrides (tests).
  options.runtime_binary =
      bridge::find_runtime_binary(base::process_environment(), bridge::current_executable_path());
  return std::make_unique<SocketRuntimeLink>(std::move(options));
#endif
}

// Hands every message the runtime has sent so far to the session; the exit status if one ends.
std::optional<int> relay_from_runtime(bridge::BridgeSession& session, bridge::RuntimeLink& runtime,
                                      SocketRuntimeLink* link,
                                      const std::optional<base::AppPaths>& paths) {
  while (auto message = runtime.receive())
    if (auto done = perform(session.on_runtime_message(*message), paths)) return done;
  flush_link_log(link);
  return std::nullopt;
}

// Waits until stdin or the runtime socket has something; true when stdin does (or on error, so
// the read reports it). Without a socket link this is just the blocking read that follows.
bool wait_for_input([[maybe_unused]] SocketRuntimeLink* link, bool& runtime_ready) {
  runtime_ready = false;
#ifndef _WIN32
  for (;;) {
    pollfd fds[2] = {{0, POLLIN, 0}, {link ? link->fd() : -1, POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return true;
    }
    runtime_ready = fds[1].revents != 0;
    return fds[0].revents != 0;
  }
#else
  return true;
#endif
}

// Moves bytes between stdin, the session and the runtime until the session ends.
int pump(bridge::BridgeSession& session, bridge::RuntimeLink& runtime, SocketRuntimeLink* link,
         const std::optional<base::AppPaths>& paths) {
  std::vector<char> buffer(64 * 1024);
  for (;;) {
    bool runtime_ready = false;
    const bool stdin_ready = wait_for_input(link, runtime_ready);
    if (runtime_ready)
      if (auto done = relay_from_runtime(session, runtime, link, paths)) return *done;
    if (!stdin_ready) continue;
    const auto n = POSTERN_READ(0, buffer.data(), static_cast<unsigned>(buffer.size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) log_line(std::string("cannot read stdin: ") + std::strerror(errno));
    auto actions =
        n > 0 ? session.on_bytes({buffer.data(), static_cast<std::size_t>(n)}) : session.on_eof();
    flush_link_log(link);
    if (auto done = perform(actions, paths)) return *done;
    if (auto done = relay_from_runtime(session, runtime, link, paths)) return *done;
    if (n <= 0) return bridge::kExitClean;  // on_eof always finishes; this is a backstop
  }
}

int run(const std::vector<std::string>& args) {
  auto paths_or_error = base::current_app_paths();
  std::optional<base::AppPaths> paths;
  if (paths_or_error) paths = paths_or_error.value();
  std::string problem;
  bridge::AllowList allow_list =
      paths ? bridge::load_allow_list(bridge::allow_list_file(*paths), &problem)
            : bridge::AllowList();
  if (!problem.empty()) log_line(problem + " (using the built-in list only)");
  std::unique_ptr<bridge::KeyStore> keys;
  if (paths)
    keys = std::make_unique<bridge::BridgeKeyStore>(bridge::BridgeKeyStore::default_file(*paths));
  else
    keys = std::make_unique<UnavailableKeyStore>(paths_or_error.error());
  // Without our folders there is no socket to find: the session then reports
  // RUNTIME_NOT_RUNNING through the null link.
  std::unique_ptr<SocketRuntimeLink> link = make_socket_link(paths);
  bridge::NullRuntimeLink no_runtime;
#ifdef _WIN32
  bridge::RuntimeLink& runtime = no_runtime;
#else
  bridge::RuntimeLink& runtime = link ? static_cast<bridge::RuntimeLink&>(*link) : no_runtime;
#endif
  bridge::BridgeSession session(bridge::caller_origin(args), std::move(allow_list), *keys, runtime,
                                limits_from_environment());
  if (auto done = perform(session.start(), paths)) return *done;
#ifndef _WIN32
  // Only for an allowed caller, and before its hello arrives: a runtime that has to be started
  // boots while the browser is still sending, and hello then waits less for it.
  if (link) link->warm_up();
  flush_link_log(link.get());
#endif
  return pump(session, runtime, link.get(), paths);
}

}  // namespace

int main(int argc, char** argv) {
#ifdef _WIN32
  // Binary mode: text mode would turn a 0x0A byte of a length into CR LF and break the framing.
  _setmode(_fileno(stdin), _O_BINARY);
  _setmode(_fileno(stdout), _O_BINARY);
#else
  // A browser that closes the pipe must give us EPIPE to handle, not a silent SIGPIPE death.
  ::signal(SIGPIPE, SIG_IGN);
#endif
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    // The front-end boundary of practice 7: a broken invariant becomes a log line, not a crash.
    log_line(std::string("internal error: ") + e.what());
    return 1;
  }
}
