#include "runtime/proxy/tcp_byte_stream.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace postern::proxy {

namespace asio = boost::asio;

TcpByteStream::TcpByteStream(boost::beast::tcp_stream stream) : stream_(std::move(stream)) {}

asio::awaitable<std::size_t> TcpByteStream::read_some(std::span<char> into,
                                                      boost::system::error_code& error) {
  co_return co_await stream_.async_read_some(asio::buffer(into.data(), into.size()),
                                             asio::redirect_error(asio::use_awaitable, error));
}

asio::awaitable<void> TcpByteStream::write_all(std::string_view bytes,
                                               boost::system::error_code& error) {
  co_await asio::async_write(stream_, asio::buffer(bytes.data(), bytes.size()),
                             asio::redirect_error(asio::use_awaitable, error));
}

void TcpByteStream::set_timeout(std::chrono::steady_clock::duration timeout) {
  stream_.expires_after(timeout);
}

asio::awaitable<void> TcpByteStream::shutdown() {
  boost::system::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  co_return;
}

void TcpByteStream::close() {
  boost::system::error_code ignored;
  stream_.socket().close(ignored);
}

}  // namespace postern::proxy
