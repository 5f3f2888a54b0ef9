#pragma once
// A blocking TCP connection to a numeric IPv4 address where every wait is bounded: the control
// client's only contact with sockets. Its users (the CLI, the wizard) may not use Asio
// (scripts/check-tree.sh), and a connection per call needs nothing more. A connection given an
// Interrupt also ends every wait when that fires (the event stream's thread being stopped).
// One header, one source per OS (tcp_connection_posix.cpp; a Winsock port is a
// tcp_connection_windows.cpp beside it).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "runtime/control/client/interrupt.hpp"

namespace postern::control_client {

/// One connected TCP stream; closed when destroyed. Errors carry control_errc codes:
/// not_running (refused), timed_out, connection_failed, cancelled (the Interrupt fired).
class TcpConnection {
 public:
  /// Connects to `ipv4`:`port` ("127.0.0.1") within `timeout`. With `interrupt` (which must
  /// outlive the connection), this and every later wait also end when it fires.
  static base::Result<TcpConnection> connect(const std::string& ipv4, std::uint16_t port,
                                             std::chrono::milliseconds timeout,
                                             const Interrupt* interrupt = nullptr);

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
  TcpConnection(int fd, const Interrupt* interrupt) : fd_(fd), interrupt_(interrupt) {}
  void close();

  int fd_ = -1;
  const Interrupt* interrupt_ = nullptr;
};

}  // namespace postern::control_client
