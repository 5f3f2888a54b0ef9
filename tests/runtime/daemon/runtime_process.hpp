#pragma once
// The real postern-runtime for tests (POSIX): started with posix_spawn, stdout and stderr into
// a log file, stopped by PID, never by name. Also stop_runtime_in(), which stops a runtime
// someone else started (the bridge, the link) by the PID in its pid file and waits for its
// socket and pid file to go. Every wait is bounded.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/spawn_args.hpp"

#include "runtime/bridge/runtime_probe.hpp"

namespace postern::testing {

/// The pid in `<runtime_dir>/postern-runtime.pid`, if there is one.
inline std::optional<long> runtime_pid_in(const std::filesystem::path& runtime_dir) {
  return bridge::read_pid_file(bridge::runtime_pid_file(runtime_dir));
}

/// Stops the runtime of `runtime_dir` by the PID in its pid file (SIGTERM), and waits until its
/// socket and pid file are gone. True when nothing of it is left.
inline bool stop_runtime_in(const std::filesystem::path& runtime_dir,
                            std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  namespace fs = std::filesystem;
  const auto pid = runtime_pid_in(runtime_dir);
  if (pid) ::kill(static_cast<pid_t>(*pid), SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto gone = [&] {
    return !fs::exists(bridge::runtime_socket_file(runtime_dir)) &&
           !fs::exists(bridge::runtime_pid_file(runtime_dir));
  };
  while (!gone() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  // The files go just before the process exits. When it is our child (a link in this process
  // started it), wait for the exit too, so no zombie outlives the test; waitpid answers -1 at
  // once for someone else's child.
  while (pid && std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(static_cast<pid_t>(*pid), &status, WNOHANG) != 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return gone();
}

/// One postern-runtime process.
class RuntimeProcess {
 public:
  /// Starts POSTERN_RUNTIME_BINARY_PATH with `args`, the environment plus `env`, and its output
  /// appended to `log_file`. A `wrapper` command (an absolute path first) runs it instead and
  /// must exec the runtime, whose path and arguments follow the wrapper's words, so that pid()
  /// stays the runtime's: `unshare` with a mount, for one.
  RuntimeProcess(const std::vector<std::string>& args, const std::string& log_file,
                 const std::map<std::string, std::string>& env = {},
                 const std::vector<std::string>& wrapper = {})
      : log_file_(log_file) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<std::string> words = wrapper;
    words.push_back(POSTERN_RUNTIME_BINARY_PATH);
    words.insert(words.end(), args.begin(), args.end());
    std::vector<std::string> variables = environment_with(env);
    auto argv = c_pointers(words), envp = c_pointers(variables);
    if (posix_spawn(&pid_, words[0].c_str(), &actions, nullptr, argv.data(), envp.data()) != 0)
      pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~RuntimeProcess() {
    if (pid_ > 0 && !status_) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      ::waitpid(pid_, &status, 0);
    }
  }
  RuntimeProcess(const RuntimeProcess&) = delete;
  RuntimeProcess& operator=(const RuntimeProcess&) = delete;

  pid_t pid() const { return pid_; }
  /// Sends `signal_number` to this process (by its PID).
  void signal(int signal_number) const {
    if (pid_ > 0) ::kill(pid_, signal_number);
  }
  /// The exit status (128 + signal for a crash), or nullopt after `timeout`.
  std::optional<int> wait(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!status_ && pid_ > 0) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      } else if (std::chrono::steady_clock::now() >= deadline) {
        return std::nullopt;
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
    }
    return status_;
  }
  /// Waits until the runtime of `runtime_dir` answers hello and status.
  static bool wait_ready(const std::filesystem::path& runtime_dir,
                         std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!bridge::runtime_status_at(runtime_dir).running) {
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
  }
  /// Everything the process wrote so far.
  std::string log() const {
    std::ifstream in(log_file_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  std::string log_file_;
  pid_t pid_ = -1;
  std::optional<int> status_;
};

}  // namespace postern::testing
