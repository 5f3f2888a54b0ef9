#include "runtime/proxy/tls_byte_stream.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace postern::proxy {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {
// A polite close must not hold a connection open for long: a peer that never answers the
// close_notify gets this long, then the socket closes anyway.
constexpr std::chrono::seconds kShutdownGrace{2};
}  // namespace

TlsByteStream::TlsByteStream(beast::tcp_stream tcp, asio::ssl::context& context)
    : stream_(std::move(tcp), context) {}

asio::awaitable<void> TlsByteStream::accept(std::string_view already_read,
                                            boost::system::error_code& error) {
  co_await stream_.async_handshake(asio::ssl::stream_base::server,
                                   asio::buffer(already_read.data(), already_read.size()),
                                   asio::redirect_error(asio::use_awaitable, error));
}

asio::awaitable<void> TlsByteStream::connect(boost::system::error_code& error) {
  co_await stream_.async_handshake(asio::ssl::stream_base::client,
                                   asio::redirect_error(asio::use_awaitable, error));
}

asio::awaitable<std::size_t> TlsByteStream::read_some(std::span<char> into,
                                                      boost::system::error_code& error) {
  co_return co_await stream_.async_read_some(asio::buffer(into.data(), into.size()),
                                             asio::redirect_error(asio::use_awaitable, error));
}

asio::awaitable<void> TlsByteStream::write_all(std::string_view bytes,
                                               boost::system::error_code& error) {
  co_await asio::async_write(stream_, asio::buffer(bytes.data(), bytes.size()),
                             asio::redirect_error(asio::use_awaitable, error));
}

void TlsByteStream::set_timeout(std::chrono::steady_clock::duration timeout) {
  beast::get_lowest_layer(stream_).expires_after(timeout);
}

asio::awaitable<void> TlsByteStream::shutdown() {
  boost::system::error_code ignored;
  set_timeout(kShutdownGrace);
  co_await stream_.async_shutdown(asio::redirect_error(asio::use_awaitable, ignored));
}

void TlsByteStream::close() {
  boost::system::error_code ignored;
  beast::get_lowest_layer(stream_).socket().close(ignored);
}

}  // namespace postern::proxy
