#pragma once
// Runs the real postern-bridge with its stdin and stdout on pipes, the way Chromium does
// (recipe chromium-e2e.md §3), for tests/runtime/bridge/main_test.cpp and
// bench/bridge_startup.cpp. POSIX only; every wait is bounded, so a hung bridge fails a test
// instead of hanging it. platform::CommandRunner cannot do this: it feeds all input up front.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/spawn_args.hpp"

namespace postern::testing {

/// One running bridge process.
class BridgeProcess {
 public:
  using Clock = std::chrono::steady_clock;

  /// Starts `binary` with `args`, the environment plus `env`, and stderr into `stderr_path`.
  BridgeProcess(const std::string& binary, const std::vector<std::string>& args,
                const std::map<std::string, std::string>& env, const std::string& stderr_path) {
    int in[2], out[2];
    if (!open_pipe(in) || !open_pipe(out)) return;
    ::signal(SIGPIPE, SIG_IGN);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addopen(&actions, 2, stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    std::vector<std::string> argv{binary};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<std::string> envp = environment_with(env);
    auto c_argv = c_pointers(argv), c_envp = c_pointers(envp);
    if (posix_spawn(&pid_, binary.c_str(), &actions, nullptr, c_argv.data(), c_envp.data()) != 0)
      pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    stdin_ = in[1];
    stdout_ = out[0];
  }
  ~BridgeProcess() {
    close_stdin();
    if (stdout_ >= 0) ::close(stdout_);
    if (pid_ > 0 && !status_) {
      ::kill(pid_, SIGKILL);
      int status;
      ::waitpid(pid_, &status, 0);
    }
  }
  BridgeProcess(const BridgeProcess&) = delete;
  BridgeProcess& operator=(const BridgeProcess&) = delete;

  /// True when the process started.
  bool started() const { return pid_ > 0; }

  /// Writes all of `bytes` to the bridge's stdin; false when the pipe broke.
  bool write(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::write(stdin_, bytes.data(), bytes.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  /// Closes the bridge's stdin (the browser closing the port).
  void close_stdin() {
    if (stdin_ >= 0) ::close(stdin_);
    stdin_ = -1;
  }

  /// The payload of the next frame on stdout; nullopt on timeout or end of output.
  std::optional<std::string> read_frame(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    std::string header;
    if (!read_exactly(header, 4, deadline)) return std::nullopt;
    std::uint32_t length;
    std::memcpy(&length, header.data(), 4);
    std::string payload;
    if (!read_exactly(payload, length, deadline)) return std::nullopt;
    return payload;
  }

  /// Waits for the exit status (128 + signal for a crash); nullopt after `timeout`.
  std::optional<int> wait(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!status_ && pid_ > 0) {
      int status = 0;
      pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      } else if (Clock::now() >= deadline) {
        return std::nullopt;
      } else {
        ::usleep(1000);
      }
    }
    return status_;
  }

 private:
  // pipe() + FD_CLOEXEC rather than pipe2(), which macOS lacks: our ends must not leak into
  // the child, or it would never see EOF on stdin.
  static bool open_pipe(int fds[2]) {
    if (::pipe(fds) != 0) return false;
    ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return true;
  }

  bool read_exactly(std::string& into, std::size_t size, Clock::time_point deadline) {
    char buffer[65536];
    while (into.size() < size) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return false;
      pollfd fd{stdout_, POLLIN, 0};
      if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0) continue;
      const std::size_t want = std::min(sizeof buffer, size - into.size());
      ssize_t n = ::read(stdout_, buffer, want);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      into.append(buffer, static_cast<std::size_t>(n));
    }
    return true;
  }

  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
  std::optional<int> status_;
};

}  // namespace postern::testing
