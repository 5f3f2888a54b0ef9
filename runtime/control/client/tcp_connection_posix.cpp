#include "runtime/control/client/tcp_connection.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "runtime/control/client/control_errc.hpp"

namespace postern::control_client {

namespace {

using Clock = std::chrono::steady_clock;

#if defined(MSG_NOSIGNAL)
constexpr int kSendFlags = MSG_NOSIGNAL;  // Linux: EPIPE instead of a process-killing SIGPIPE
#else
constexpr int kSendFlags = 0;  // macOS: SO_NOSIGPIPE is set on the socket instead
#endif

base::Error error(control_errc code, std::string message) {
  return base::Error{make_error_code(code), std::move(message), ""};
}

enum class Wait { ready, timed_out, interrupted };

// Waits until `fd` is ready for `events`, `timeout` passes or `interrupt` fires; poll()
// restarted after a signal. `ready` also when the socket is in error: the next call reports it.
Wait wait_for(int fd, short events, std::chrono::milliseconds timeout, const Interrupt* interrupt) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    if (interrupt && interrupt->fired()) return Wait::interrupted;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    pollfd entries[2] = {{fd, events, 0}, {interrupt ? interrupt->fd() : -1, POLLIN, 0}};
    const int ready =
        ::poll(entries, interrupt ? 2 : 1, static_cast<int>(std::max<long long>(left.count(), 0)));
    if (ready > 0 && entries[1].revents != 0) return Wait::interrupted;
    if (ready > 0) return Wait::ready;
    if (ready == 0) return Wait::timed_out;
    if (errno != EINTR) return Wait::ready;
  }
}

base::Error cancelled() {
  return error(control_errc::cancelled, "the call was cancelled");
}

std::string address_of(const std::string& ipv4, std::uint16_t port) {
  return ipv4 + ":" + std::to_string(port);
}

}  // namespace

base::Result<TcpConnection> TcpConnection::connect(const std::string& ipv4, std::uint16_t port,
                                                   std::chrono::milliseconds timeout,
                                                   const Interrupt* interrupt) {
  const std::string where = address_of(ipv4, port);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  if (::inet_pton(AF_INET, ipv4.c_str(), &address.sin_addr) != 1)
    return error(control_errc::connection_failed, "\"" + ipv4 + "\" is not an IPv4 address");
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return error(control_errc::connection_failed,
                 std::string("cannot make a socket: ") + std::strerror(errno));
  TcpConnection connection(fd, interrupt);
#if defined(SO_NOSIGPIPE)
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, sizeof on);
#endif
  // Non-blocking from here on: connect, send and receive all wait through poll() with a bound.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL, 0) | O_NONBLOCK);
  int result = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  if (result != 0 && errno == EINPROGRESS) {
    const Wait waited = wait_for(fd, POLLOUT, timeout, interrupt);
    if (waited == Wait::interrupted) return cancelled();
    if (waited == Wait::timed_out)
      return error(control_errc::timed_out, "connecting to " + where + " took longer than " +
                                                std::to_string(timeout.count()) + " ms");
    int so_error = 0;
    socklen_t size = sizeof so_error;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &size);
    errno = so_error;
    result = so_error == 0 ? 0 : -1;
  }
  if (result != 0) {
    if (errno == ECONNREFUSED)
      return error(control_errc::not_running, "nothing listens on " + where);
    return error(control_errc::connection_failed,
                 "cannot connect to " + where + ": " + std::strerror(errno));
  }
  return connection;
}

TcpConnection::TcpConnection(TcpConnection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), interrupt_(other.interrupt_) {}

TcpConnection& TcpConnection::operator=(TcpConnection&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
    interrupt_ = other.interrupt_;
  }
  return *this;
}

TcpConnection::~TcpConnection() {
  close();
}

void TcpConnection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void TcpConnection::shutdown_send() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

base::Status_or_error TcpConnection::send_all(std::string_view bytes,
                                              std::chrono::milliseconds timeout) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), kSendFlags);
    if (sent > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(sent));
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      const Wait waited = wait_for(fd_, POLLOUT, timeout, interrupt_);
      if (waited == Wait::interrupted) return cancelled();
      if (waited == Wait::timed_out)
        return error(control_errc::timed_out, "the runtime took longer than " +
                                                  std::to_string(timeout.count()) +
                                                  " ms to take the request");
      continue;
    }
    return error(control_errc::connection_failed,
                 std::string("sending the request failed: ") + std::strerror(errno));
  }
  return base::Ok{};
}

base::Result<std::string> TcpConnection::receive(std::size_t max,
                                                 std::chrono::milliseconds timeout) {
  std::string buffer(max, '\0');
  for (;;) {
    const ssize_t got = ::recv(fd_, buffer.data(), buffer.size(), 0);
    if (got >= 0) {
      buffer.resize(static_cast<std::size_t>(got));
      return buffer;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      const Wait waited = wait_for(fd_, POLLIN, timeout, interrupt_);
      if (waited == Wait::interrupted) return cancelled();
      if (waited == Wait::timed_out)
        return error(control_errc::timed_out, "the runtime did not answer within " +
                                                  std::to_string(timeout.count()) + " ms");
      continue;
    }
    if (errno == ECONNRESET)
      return error(control_errc::connection_failed, "the runtime closed the connection");
    return error(control_errc::connection_failed,
                 std::string("reading the answer failed: ") + std::strerror(errno));
  }
}

}  // namespace postern::control_client
