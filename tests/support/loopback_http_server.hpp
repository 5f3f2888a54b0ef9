#pragma once
// A tiny HTTP server on 127.0.0.1 for tests of code that sends requests (POSIX): it reads each
// request's head, records it, and answers with one canned reply (or stays silent, or hangs up).
// As a "proxy" it does the same: it records the absolute-form or CONNECT request line, which is
// the proof that a request went through the proxy, and answers as a proxy would. It never
// forwards anything, so tests stay on loopback.

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/loopback_socket.hpp"

namespace postern::testing {

/// What the server does with each request.
enum class LoopbackReply {
  canned,   ///< sends `reply` and closes
  silent,   ///< reads the request and never answers (timeouts)
  hang_up,  ///< closes without a byte (connection reset / nothing received)
};

class LoopbackHttpServer {
 public:
  /// Listens on 127.0.0.1 at a free port; answers each request as `mode` says.
  explicit LoopbackHttpServer(std::string reply, LoopbackReply mode = LoopbackReply::canned)
      : reply_(std::move(reply)), mode_(mode) {
    fd_ = listen_on_loopback(port_);
    thread_ = std::thread([this] { serve(); });
  }
  ~LoopbackHttpServer() {
    stopping_ = true;
    thread_.join();
    ::close(fd_);
  }
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  unsigned short port() const { return port_; }
  /// "127.0.0.1:<port>"
  std::string authority() const { return "127.0.0.1:" + std::to_string(port_); }
  /// The request heads received so far (request line and headers, without the blank line).
  std::vector<std::string> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

  /// A port on 127.0.0.1 that nothing listens on (bound, then closed).
  static unsigned short closed_port() { return closed_loopback_port(); }

 private:
  // Polls so that the destructor's stop flag is seen within 20 ms.
  bool readable(int fd) { return wait_readable(fd, stopping_); }

  void serve() {
    while (readable(fd_)) {
      const int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      handle(client);
      ::close(client);
    }
  }

  void handle(int client) {
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos && readable(client)) {
      const ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
      if (got <= 0) return;
      head.append(buffer, static_cast<std::size_t>(got));
      // A TLS ClientHello (record type 22) has no blank line: answer it as it is, in plain
      // text, which is what a client meeting a server that does not speak TLS sees.
      if (head.front() == '\x16') {
        head = "<TLS ClientHello>";
        break;
      }
    }
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(head.substr(0, head.find("\r\n\r\n")));
    }
    if (mode_ == LoopbackReply::canned) {
      ::send(client, reply_.data(), reply_.size(), MSG_NOSIGNAL);
    } else if (mode_ == LoopbackReply::silent) {
      while (readable(client) && ::recv(client, buffer, sizeof buffer, 0) > 0) {
      }
    }
  }

  std::string reply_;
  LoopbackReply mode_;
  int fd_ = -1;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
  std::thread thread_;
};

}  // namespace postern::testing
