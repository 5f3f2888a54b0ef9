#pragma once
// A ByteStream over a plain TCP connection. It reads and writes the non-blocking socket
// directly and waits only when the socket is not ready (socket_deadline.hpp keeps the timeout):
// a read that finds bytes waiting costs one recv() and no trip through the event loop.

#include <boost/asio/ip/tcp.hpp>

#include "runtime/proxy/byte_stream.hpp"
#include "runtime/proxy/socket_deadline.hpp"

namespace postern::proxy {

/// Plain TCP.
class TcpByteStream final : public ByteStream {
 public:
  /// Takes over a connected socket.
  explicit TcpByteStream(boost::asio::ip::tcp::socket socket);

  boost::asio::awaitable<std::size_t> read_some(std::span<char> into,
                                                boost::system::error_code& error) override;
  boost::asio::awaitable<void> write_all(std::string_view bytes,
                                         boost::system::error_code& error) override;
  void set_timeout(std::chrono::steady_clock::duration timeout) override;
  boost::asio::awaitable<void> shutdown() override;
  void close() override;
  bool secure() const override { return false; }

  /// The socket, to hand over to a TLS layer (this object is then spent).
  boost::asio::ip::tcp::socket release_socket() { return std::move(socket_); }

 private:
  boost::asio::ip::tcp::socket socket_;
  SocketDeadline deadline_;
};

}  // namespace postern::proxy
