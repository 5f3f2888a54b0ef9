#pragma once
// A ByteStream over TLS on a TCP connection, either side: the proxy is the server towards an
// intercepted client and the client towards the origin.

#include <string_view>

#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "runtime/proxy/byte_stream.hpp"

namespace postern::proxy {

/// TLS over TCP.
class TlsByteStream final : public ByteStream {
 public:
  /// TLS over `tcp` with `context` (which must outlive this stream).
  TlsByteStream(boost::beast::tcp_stream tcp, boost::asio::ssl::context& context);

  /// The server handshake; `already_read` holds bytes of the ClientHello read before.
  boost::asio::awaitable<void> accept(std::string_view already_read,
                                      boost::system::error_code& error);
  /// The client handshake (SNI and host check set up by the caller on native_handle()).
  boost::asio::awaitable<void> connect(boost::system::error_code& error);
  /// The OpenSSL connection, to set SNI, the host to verify, or the certificate to present.
  SSL* native_handle() { return stream_.native_handle(); }

  boost::asio::awaitable<std::size_t> read_some(std::span<char> into,
                                                boost::system::error_code& error) override;
  boost::asio::awaitable<void> write_all(std::string_view bytes,
                                         boost::system::error_code& error) override;
  void set_timeout(std::chrono::steady_clock::duration timeout) override;
  boost::asio::awaitable<void> shutdown() override;
  void close() override;
  bool secure() const override { return true; }

 private:
  boost::beast::ssl_stream<boost::beast::tcp_stream> stream_;
};

}  // namespace postern::proxy
