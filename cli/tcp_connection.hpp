#pragma once
// A blocking TCP connection to a numeric IPv4 address where every wait is bounded: the control
// client's only contact with sockets. The CLI may not use Asio (scripts/check-tree.sh), and a
// connection per command needs nothing more. One header, one source per OS
// (tcp_connection_posix.cpp; a Winsock port is a tcp_connection_windows.cpp beside it).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::cli {

/// One connected TCP stream; closed when destroyed. Errors carry cli::control_errc codes:
/// not_running (refused), timed_out, connection_failed.
class TcpConnection {
 public:
  /// Connects to `ipv4`:`port` ("127.0.0.1") within `timeout`.
  static base::Result<TcpConnection> connect(const std::string& ipv4, std::uint16_t port,
                                             std::chrono::milliseconds timeout);

  /// Takes over the connection of `other`, which is left closed.
  TcpConnection(TcpConnection&& other) noexcept;
  /// Closes this connection and takes over the one of `other`.
  TcpConnection& operator=(TcpConnection&& other) noexcept;
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;
  /// Closes the connection.
  ~TcpConnection();

  /// Sends every byte of `bytes`, waiting at most `timeout` each time the send buffer is full.
  base::Status_or_error send_all(std::string_view bytes, std::chrono::milliseconds timeout);
  /// Up to `max` bytes, waiting at most `timeout` for the first of them; an empty string when
  /// the peer closed the connection.
  base::Result<std::string> receive(std::size_t max, std::chrono::milliseconds timeout);
  /// Ends our sending side (the peer reads end-of-stream) while still receiving.
  void shutdown_send();

 private:
  explicit TcpConnection(int fd) : fd_(fd) {}
  void close();

  int fd_ = -1;
};

}  // namespace postern::cli
