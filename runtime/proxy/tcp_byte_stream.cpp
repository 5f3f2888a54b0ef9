#include "runtime/proxy/tcp_byte_stream.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace postern::proxy {

namespace asio = boost::asio;

namespace {

// After this many reads in a row, a read lets the other connections on its thread run first:
// a fast origin and a fast client could otherwise keep one coroutine busy for a whole large
// body, since a read that finds bytes waiting never goes back to the event loop.
constexpr int kReadStreakLimit = 32;

}  // namespace

TcpByteStream::TcpByteStream(asio::ip::tcp::socket socket)
    : socket_(std::move(socket)), deadline_(socket_) {
  boost::system::error_code ignored;
  socket_.non_blocking(true, ignored);
}

asio::awaitable<std::size_t> TcpByteStream::read_some(std::span<char> into,
                                                      boost::system::error_code& error) {
  if (++ready_streak_ > kReadStreakLimit) {
    ready_streak_ = 0;
    co_await asio::post(socket_.get_executor(), asio::use_awaitable);
  }
  co_return co_await read_socket(socket_, deadline_, into.data(), into.size(), error);
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
