#pragma once
// A ByteStream over TLS on a TCP connection, either side: the proxy is the server towards an
// intercepted client and the client towards the origin.
//
// OpenSSL reads and writes the non-blocking socket itself, through socket_bio.hpp: a read that
// finds a record waiting costs one recv() and no trip through the event loop; only when OpenSSL
// must wait does the stream wait for the socket (socket_deadline.hpp keeps the timeout).

#include <openssl/ssl.h>

#include <chrono>
#include <string_view>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "runtime/proxy/byte_stream.hpp"
#include "runtime/proxy/socket_deadline.hpp"

namespace postern::proxy {

/// TLS over TCP.
class TlsByteStream final : public ByteStream {
 public:
  /// TLS over the connected `socket` with `context` (which must outlive this stream).
  TlsByteStream(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& context);
  ~TlsByteStream() override;
  TlsByteStream(const TlsByteStream&) = delete;
  TlsByteStream& operator=(const TlsByteStream&) = delete;

  /// The server handshake; `already_read` holds bytes of the ClientHello read before.
  boost::asio::awaitable<void> accept(std::string_view already_read,
                                      boost::system::error_code& error);
  /// The client handshake (SNI and host check set up by the caller on native_handle()).
  boost::asio::awaitable<void> connect(boost::system::error_code& error);
  /// The OpenSSL connection, to set SNI, the host to verify, or the certificate to present.
  SSL* native_handle() { return ssl_; }

  boost::asio::awaitable<std::size_t> read_some(std::span<char> into,
                                                boost::system::error_code& error) override;
  boost::asio::awaitable<void> write_all(std::string_view bytes,
                                         boost::system::error_code& error) override;
  void set_timeout(std::chrono::steady_clock::duration timeout) override;
  /// Sends close_notify (without waiting for the peer's), then ends the TCP send side.
  boost::asio::awaitable<void> shutdown() override;
  void close() override;
  bool secure() const override { return true; }

 private:
  enum class Want { read, write };

  boost::asio::awaitable<void> handshake(std::string_view already_read, bool server,
                                         boost::system::error_code& error);
  template <typename Step>
  boost::asio::awaitable<void> drive(Step step, boost::system::error_code& error);
  boost::asio::awaitable<void> wait_for(Want want, boost::system::error_code& error);
  boost::system::error_code error_of(int ssl_error);

  boost::asio::ip::tcp::socket socket_;
  SocketDeadline deadline_;
  SSL* ssl_ = nullptr;
  bool failed_ = false;  // after a fatal TLS error no close_notify may be sent
};

}  // namespace postern::proxy
