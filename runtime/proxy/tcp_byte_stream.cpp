#include "runtime/proxy/tcp_byte_stream.hpp"

namespace postern::proxy {

namespace asio = boost::asio;

TcpByteStream::TcpByteStream(asio::ip::tcp::socket socket)
    : socket_(std::move(socket)), deadline_(socket_) {
  boost::system::error_code ignored;
  socket_.non_blocking(true, ignored);
}

asio::awaitable<std::size_t> TcpByteStream::read_some(std::span<char> into,
                                                      boost::system::error_code& error) {
  // No take_turn(): every read completes through the event loop, which lets the others run.
  co_return co_await deadline_.read_some(into.data(), into.size(), error);
}

asio::awaitable<void> TcpByteStream::write_all(std::string_view bytes,
                                               boost::system::error_code& error) {
  co_await write_socket(socket_, deadline_, bytes.data(), bytes.size(), error);
}

void TcpByteStream::set_timeout(std::chrono::steady_clock::duration timeout) {
  deadline_.set(timeout);
}

asio::awaitable<void> TcpByteStream::shutdown() {
  boost::system::error_code ignored;
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  co_return;
}

void TcpByteStream::close() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

}  // namespace postern::proxy
