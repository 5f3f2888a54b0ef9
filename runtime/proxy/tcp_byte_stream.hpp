#pragma once
// A ByteStream over a plain TCP connection (Beast's tcp_stream, for its per-operation timeouts).

#include <boost/beast/core/tcp_stream.hpp>

#include "runtime/proxy/byte_stream.hpp"

namespace postern::proxy {

/// Plain TCP.
class TcpByteStream final : public ByteStream {
 public:
  /// Takes over a connected stream.
  explicit TcpByteStream(boost::beast::tcp_stream stream);

  boost::asio::awaitable<std::size_t> read_some(std::span<char> into,
                                                boost::system::error_code& error) override;
  boost::asio::awaitable<void> write_all(std::string_view bytes,
                                         boost::system::error_code& error) override;
  void set_timeout(std::chrono::steady_clock::duration timeout) override;
  boost::asio::awaitable<void> shutdown() override;
  void close() override;
  bool secure() const override { return false; }

  /// The stream, to hand over to a TLS layer (this object is then spent).
  boost::beast::tcp_stream& stream() { return stream_; }

 private:
  boost::beast::tcp_stream stream_;
};

}  // namespace postern::proxy
