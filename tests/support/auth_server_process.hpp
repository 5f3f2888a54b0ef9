#pragma once
// A verifying auth server (tests/support/auth_servers/*) run as a child process for a round-trip
// test: started with posix_spawn, its port read from the first line it prints, and stopped by
// its own PID (stdin closed, then SIGTERM) when the object goes away. Nothing but 127.0.0.1.

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/spawn_args.hpp"

namespace postern::testing {

/// Where the servers live (set by tests/runtime/requester/CMakeLists.txt).
inline std::string auth_server_script(const std::string& name) {
  return std::string(POSTERN_AUTH_SERVERS) + "/" + name;
}

class AuthServerProcess {
 public:
  /// Runs `argv` (argv[0] an absolute program path) with `env_overrides` added to the
  /// environment, and waits up to 15 s for the port line. Throws when the server does not start.
  explicit AuthServerProcess(std::vector<std::string> argv,
                             const std::map<std::string, std::string>& env_overrides = {}) {
    int to_child[2];
    int from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_child[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, from_child[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, to_child[1]);
    posix_spawn_file_actions_addclose(&actions, from_child[0]);
    auto env = environment_with(env_overrides);
    auto argv_pointers = c_pointers(argv);
    auto env_pointers = c_pointers(env);
    int spawned = posix_spawn(&pid_, argv[0].c_str(), &actions, nullptr, argv_pointers.data(),
                              env_pointers.data());
    posix_spawn_file_actions_destroy(&actions);
    close(to_child[0]);
    close(from_child[1]);
    stdin_ = to_child[1];
    stdout_ = from_child[0];
    if (spawned != 0) {
      pid_ = -1;
      throw std::runtime_error("cannot start " + argv[0]);
    }
    port_ = read_port(argv[0]);
  }
  AuthServerProcess(const AuthServerProcess&) = delete;
  AuthServerProcess& operator=(const AuthServerProcess&) = delete;
  ~AuthServerProcess() { stop(); }

  int port() const { return port_; }
  /// "http://127.0.0.1:<port><path>"
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  int read_port(const std::string& program) {
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (line.find('\n') == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd fd{stdout_, POLLIN, 0};
      if (left.count() <= 0 || poll(&fd, 1, static_cast<int>(left.count())) <= 0) break;
      char buffer[64];
      ssize_t got = read(stdout_, buffer, sizeof buffer);
      if (got <= 0) break;
      line.append(buffer, static_cast<std::size_t>(got));
    }
    int port = std::atoi(line.c_str());
    if (port <= 0) {
      stop();
      throw std::runtime_error(program + " printed no port (\"" + line + "\")");
    }
    return port;
  }

  void stop() {
    if (stdin_ >= 0) close(stdin_);
    if (stdout_ >= 0) close(stdout_);
    stdin_ = stdout_ = -1;
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
      pid_ = -1;
    }
  }

  pid_t pid_ = -1;
  int stdin_ = -1;
  int stdout_ = -1;
  int port_ = 0;
};

}  // namespace postern::testing
