#pragma once
// An HTTP/1.1 server on 127.0.0.1 for requester tests (POSIX) whose answers come from a
// handler: it keeps connections alive (NTLM needs its legs on one connection), reads each
// request's head and Content-Length body, records them with the connection they came on, and
// writes whatever the handler returns. One connection at a time, which is how one requester
// sends.

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/loopback_socket.hpp"

namespace postern::testing {

struct ScriptedRequest {
  std::string head;  ///< request line and headers, without the blank line
  std::string body;
  int connection = 0;  ///< 1 for the first connection accepted, 2 for the next...

  /// The value of header `name` (case-insensitive), or "".
  std::string header(std::string_view name) const {
    std::size_t at = 0;
    while ((at = head.find("\r\n", at)) != std::string::npos) {
      at += 2;
      auto colon = head.find(':', at);
      auto end = head.find("\r\n", at);
      if (colon == std::string::npos || (end != std::string::npos && colon > end)) continue;
      std::string field = head.substr(at, colon - at);
      if (field.size() == name.size() &&
          std::equal(field.begin(), field.end(), name.begin(),
                     [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
        std::string value =
            head.substr(colon + 1, end == std::string::npos ? end : end - colon - 1);
        while (!value.empty() && value.front() == ' ')
          value.erase(0, 1);
        return value;
      }
    }
    return {};
  }
  /// "GET /path HTTP/1.1" -> "/path"
  std::string target() const {
    auto first = head.find(' ');
    auto second = head.find(' ', first + 1);
    return head.substr(first + 1, second - first - 1);
  }
  std::string method() const { return head.substr(0, head.find(' ')); }
};

/// "HTTP/1.1 <status> X\r\n<headers>Content-Length: N\r\n\r\n<body>"; `headers` end in \r\n.
inline std::string http_reply(int status, const std::string& headers = {},
                              const std::string& body = {}) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\n" + headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

class ScriptedHttpServer {
 public:
  using Handler = std::function<std::string(const ScriptedRequest&)>;

  explicit ScriptedHttpServer(Handler handler) : handler_(std::move(handler)) {
    fd_ = listen_on_loopback(port_);
    thread_ = std::thread([this] { serve(); });
  }
  ~ScriptedHttpServer() {
    stopping_ = true;
    thread_.join();
    ::close(fd_);
  }
  ScriptedHttpServer(const ScriptedHttpServer&) = delete;
  ScriptedHttpServer& operator=(const ScriptedHttpServer&) = delete;

  /// "http://127.0.0.1:<port>"
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  unsigned short port() const { return port_; }
  std::vector<ScriptedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  bool readable(int fd) { return wait_readable(fd, stopping_); }

  void serve() {
    int connections = 0;
    while (readable(fd_)) {
      const int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      ++connections;
      while (handle_one(client, connections)) {
      }
      ::close(client);
    }
  }

  // Reads one request and answers it; false when the client closed or the reply said
  // "Connection: close".
  bool handle_one(int client, int connection) {
    std::string data = std::move(pending_);
    pending_.clear();
    char buffer[16384];
    while (data.find("\r\n\r\n") == std::string::npos) {
      if (!readable(client)) return false;
      ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
      if (got <= 0) return false;
      data.append(buffer, static_cast<std::size_t>(got));
    }
    ScriptedRequest request;
    request.connection = connection;
    auto head_end = data.find("\r\n\r\n");
    request.head = data.substr(0, head_end);
    std::size_t length = std::strtoul(request.header("Content-Length").c_str(), nullptr, 10);
    std::string rest = data.substr(head_end + 4);
    while (rest.size() < length) {
      if (!readable(client)) return false;
      ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
      if (got <= 0) return false;
      rest.append(buffer, static_cast<std::size_t>(got));
    }
    request.body = rest.substr(0, length);
    pending_ = rest.substr(length);
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
    }
    std::string reply = handler_(request);
    ::send(client, reply.data(), reply.size(), MSG_NOSIGNAL);
    return reply.find("Connection: close") == std::string::npos;
  }

  Handler handler_;
  int fd_ = -1;
  unsigned short port_ = 0;
  std::string pending_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<ScriptedRequest> requests_;
  std::thread thread_;
};

}  // namespace postern::testing
