#pragma once
// Test helpers: an ApiServer on its own io thread (RunningApi) and a raw HTTP/1.1 client over a
// blocking loopback socket (RawHttp) that sends bytes as given, so malformed requests can be
// sent too, and reads streams (event streams) as they come.

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "runtime/control/api_server.hpp"
#include "support/temp_dir.hpp"

namespace postern::testing {

/// A router with one route: /v1/echo answers the method and body.
inline control::ApiRouter echo_router() {
  control::ApiRouter router;
  for (const char* method : {"GET", "POST"})
    router.add(
        method, "/v1/echo", [](const control::ApiRequest& request, const control::RouteMatch&) {
          return control::json_response(200, {{"method", request.method}, {"body", request.body}});
        });
  return router;
}

/// An ApiServer on a thread, answering with echo_router() or the router given.
class RunningApi {
 public:
  RunningApi() : RunningApi(echo_router()) {}
  /// A server answering with `router`; event streams keep alive after `keep_alive`.
  explicit RunningApi(control::ApiRouter router,
                      std::chrono::milliseconds keep_alive = control::kEventKeepAlive) {
    server_ = std::make_shared<control::ApiServer>(io_, dir_.path(), std::move(router));
    server_->set_event_keep_alive(keep_alive);
    started_ = server_->start().has_value();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~RunningApi() {
    server_->stop();
    work_.reset();
    thread_.join();
  }
  bool started() const { return started_; }
  unsigned short port() const { return server_->endpoint().port; }
  const control::ControlEndpoint& endpoint() const { return server_->endpoint(); }
  const std::filesystem::path& dir() const { return dir_.path(); }
  control::ApiServer& server() { return *server_; }
  /// A well-formed request with the right Host and token.
  std::string request(const std::string& method, const std::string& target,
                      const std::string& body = "") const {
    return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port()) +
           "\r\nAuthorization: Bearer " + endpoint().token +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  }

 private:
  TempDir dir_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      io_.get_executor()};
  std::shared_ptr<control::ApiServer> server_;
  bool started_ = false;
  std::thread thread_;
};

/// A raw connection to 127.0.0.1:port.
class RawHttp {
 public:
  explicit RawHttp(unsigned short port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawHttp() { ::close(fd_); }
  RawHttp(const RawHttp&) = delete;
  RawHttp& operator=(const RawHttp&) = delete;

  bool connected() const { return connected_; }
  /// Sends `bytes` without waiting for an answer.
  void send(const std::string& bytes) { ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL); }
  /// Reads into `received` until `done(received)`, the peer closes (closed() then holds), or
  /// `timeout_ms` pass without a byte; returns `done(received)`.
  template <class Done>
  bool read_until(std::string& received, Done done, int timeout_ms = 3000) {
    char buffer[65536];
    pollfd entry{fd_, POLLIN, 0};
    while (!done(received)) {
      if (::poll(&entry, 1, timeout_ms) <= 0) return false;
      const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) {
        closed_ = true;
        return done(received);
      }
      received.append(buffer, static_cast<std::size_t>(got));
    }
    return true;
  }
  /// The peer closed the connection (seen by read_until).
  bool closed() const { return closed_; }
  /// Sends `bytes` and reads one response (head + Content-Length body), or until close / 3 s.
  std::string exchange(const std::string& bytes) {
    ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    std::string reply;
    char buffer[8192];
    pollfd entry{fd_, POLLIN, 0};
    while (!complete(reply) && ::poll(&entry, 1, 3000) > 0) {
      const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      reply.append(buffer, static_cast<std::size_t>(got));
    }
    return reply;
  }

 private:
  static bool complete(const std::string& reply) {
    const auto end = reply.find("\r\n\r\n");
    if (end == std::string::npos) return false;
    const auto length = reply.find("Content-Length: ");
    if (length == std::string::npos || length > end) return true;
    return reply.size() >= end + 4 + std::stoul(reply.substr(length + 16));
  }

  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

}  // namespace postern::testing
