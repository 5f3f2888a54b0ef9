#pragma once
// A real tinyproxy (Debian's `tinyproxy`) for tests: its own config in a temp folder, on a free
// 127.0.0.1 port, in the foreground (-d), optionally with BasicAuth; stopped by its PID. Its
// ViaProxyName is the name given, so an origin can tell which proxy a request came through.

#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

#include "support/loopback_socket.hpp"
#include "support/spawn_args.hpp"

namespace postern::testing {

class Tinyproxy {
 public:
  /// Starts tinyproxy named `name` with its files under `dir`; `user`/`password` turn on
  /// BasicAuth. running() says whether it came up.
  Tinyproxy(const std::filesystem::path& dir, std::string name, std::string user = "",
            std::string password = "")
      : name_(std::move(name)), log_(dir / (name_ + ".log")) {
    port_ = closed_loopback_port();  // free now; tinyproxy binds it next
    const auto config = dir / (name_ + ".conf");
    std::ofstream(config) << "Port " << port_ << "\nListen 127.0.0.1\nTimeout 10\n"
                          << "MaxClients 20\nLogLevel Info\nLogFile \"" << log_.string()
                          << "\"\nViaProxyName \"" << name_ << "\"\nAllow 127.0.0.1\n"
                          << (user.empty() ? "" : "BasicAuth " + user + " " + password + "\n");
    std::vector<std::string> args{"tinyproxy", "-d", "-c", config.string()};
    auto argv = c_pointers(args);
    auto variables = environment_with({});
    auto envp = c_pointers(variables);
    if (posix_spawnp(&pid_, "tinyproxy", nullptr, nullptr, argv.data(), envp.data()) != 0) {
      pid_ = -1;
      return;
    }
    running_ = wait_until_listening();
  }
  ~Tinyproxy() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  Tinyproxy(const Tinyproxy&) = delete;
  Tinyproxy& operator=(const Tinyproxy&) = delete;

  bool running() const { return running_; }
  unsigned short port() const { return port_; }
  /// "127.0.0.1:<port>"
  std::string authority() const { return "127.0.0.1:" + std::to_string(port_); }
  /// What tinyproxy puts in its Via header after the protocol version: " <name> (tinyproxy/...".
  std::string via_marker() const { return " " + name_ + " (tinyproxy"; }
  /// tinyproxy's log so far.
  std::string log() const {
    std::ifstream in(log_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

 private:
  bool wait_until_listening() const {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(port_);
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      const bool up = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
      ::close(fd);
      if (up) return true;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) return false;  // it exited
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  std::string name_;
  std::filesystem::path log_;
  unsigned short port_ = 0;
  pid_t pid_ = -1;
  bool running_ = false;
};

}  // namespace postern::testing
