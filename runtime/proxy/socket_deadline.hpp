#pragma once
// The timeout of a stream that reads and writes its socket directly: one deadline, watched by
// one timer that is re-armed only when it fires before the deadline (the deadline moved on),
// rather than armed and cancelled around every read and write as Beast's tcp_stream does.
// A wait that reaches the deadline fails with beast's timeout error, as tcp_stream's would.

#include <chrono>
#include <memory>
// <utility> first: Boost 1.74's awaitable.hpp uses std::exchange without including it.
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/system/error_code.hpp>

namespace postern::proxy {

/// The deadline of one socket's operations.
class SocketDeadline {
 public:
  /// Watches `socket`, which must outlive this object.
  explicit SocketDeadline(boost::asio::ip::tcp::socket& socket);
  ~SocketDeadline();
  SocketDeadline(const SocketDeadline&) = delete;
  SocketDeadline& operator=(const SocketDeadline&) = delete;

  /// Waits from now on may last until now + `timeout`; a timeout that fired is forgotten.
  void set(std::chrono::steady_clock::duration timeout);

  /// Waits until the socket is ready for `want`; beast::error::timeout once the deadline
  /// passes (then at once, until set() is called again), operation_aborted when it is closed.
  /// A read and a write may wait at the same time (a tunnel does).
  boost::asio::awaitable<void> wait(boost::asio::ip::tcp::socket::wait_type want,
                                    boost::system::error_code& error);

  /// Reads what the socket has, at least one byte, through the event loop; 0 with `error` on
  /// failure (eof when the peer closed its side), timeout as wait() does. Not wait() and then
  /// recv(): Boost 1.74's async_wait re-registers the socket with epoll on every call (one
  /// epoll_ctl per wait), and Asio's read skips its first recv() when the last one drained the
  /// socket, so a read costs the fewest system calls this way.
  boost::asio::awaitable<std::size_t> read_some(char* into, std::size_t size,
                                                boost::system::error_code& error);

  /// Called before each read: after many reads in a row that found bytes without waiting, lets
  /// the other connections on this thread run first. A read that finds bytes never goes back
  /// to the event loop, so a fast origin and a fast client could otherwise hold the thread for
  /// a whole large body.
  boost::asio::awaitable<void> take_turn();

 private:
  struct Watch;
  /// Before an operation that goes through the event loop: false (with the timeout error) once
  /// the deadline passed, else arms the timer for it and counts it.
  bool begin_wait(boost::system::error_code& error);
  /// After it: uncounts it; a timeout that fired meanwhile becomes its error.
  void end_wait(boost::system::error_code& error);
  std::shared_ptr<Watch> watch_;  // shared with the timer's handler, which may outlive us
  int reads_without_wait_ = 0;
};

/// Writes all of `bytes` to `socket` (non-blocking), waiting whenever its buffer is full.
boost::asio::awaitable<void> write_socket(boost::asio::ip::tcp::socket& socket,
                                          SocketDeadline& deadline, const char* bytes,
                                          std::size_t size, boost::system::error_code& error);

}  // namespace postern::proxy
