#include "runtime/proxy/tls_byte_stream.hpp"

#include <openssl/err.h>

#include <string>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>

#include "runtime/proxy/socket_bio.hpp"

namespace postern::proxy {

namespace asio = boost::asio;

namespace {

// A polite close must not hold a connection open for long: a peer that reads nothing gets
// this long to take the close_notify, then the socket closes anyway.
constexpr std::chrono::seconds kShutdownGrace{2};

}  // namespace

TlsByteStream::TlsByteStream(asio::ip::tcp::socket socket, asio::ssl::context& context)
    : socket_(std::move(socket)), deadline_(socket_), ssl_(SSL_new(context.native_handle())) {
  boost::system::error_code ignored;
  socket_.non_blocking(true, ignored);  // OpenSSL's reads and writes must never block
  // Without read-ahead OpenSSL reads each record's 5-byte header and then its body: two recv()
  // calls per record. With it, one recv() takes whatever has arrived, up to its buffer.
  if (ssl_ != nullptr) SSL_set_read_ahead(ssl_, 1);
}

TlsByteStream::~TlsByteStream() {
  SSL_free(ssl_);  // frees the BIO too
}

asio::awaitable<void> TlsByteStream::accept(std::string_view already_read,
                                            boost::system::error_code& error) {
  co_await handshake(already_read, true, error);
}

asio::awaitable<void> TlsByteStream::connect(boost::system::error_code& error) {
  co_await handshake({}, false, error);
}

asio::awaitable<void> TlsByteStream::handshake(std::string_view already_read, bool server,
                                               boost::system::error_code& error) {
  BIO* bio = ssl_ != nullptr ? make_socket_bio(socket_.native_handle(), std::string(already_read))
                             : nullptr;
  if (bio == nullptr) {
    failed_ = true;
    error = boost::asio::error::no_memory;
    co_return;
  }
  SSL_set_bio(ssl_, bio, bio);  // one reference, used for both directions
  if (server)
    SSL_set_accept_state(ssl_);
  else
    SSL_set_connect_state(ssl_);
  co_await drive([this] { return SSL_do_handshake(ssl_); }, error);
}

// Runs `step`, an OpenSSL call returning > 0 on success, until it succeeds, waiting for the
// socket whenever OpenSSL asks to read or write first.
template <typename Step>
asio::awaitable<void> TlsByteStream::drive(Step step, boost::system::error_code& error) {
  for (;;) {
    ERR_clear_error();
    const int result = step();
    if (result > 0) co_return;
    const int reason = SSL_get_error(ssl_, result);
    if (reason != SSL_ERROR_WANT_READ && reason != SSL_ERROR_WANT_WRITE) {
      error = error_of(reason);
      co_return;
    }
    co_await wait_for(reason == SSL_ERROR_WANT_READ ? Want::read : Want::write, error);
    if (error) co_return;
  }
}

// A read waits by reading through the event loop into the BIO's room, not by waiting for
// readiness: Boost 1.74's async_wait re-registers the socket with epoll on every call (an
// epoll_ctl per wait), a read does not. Writes seldom wait, so they wait for readiness.
asio::awaitable<void> TlsByteStream::wait_for(Want want, boost::system::error_code& error) {
  if (want == Want::write) {
    co_await deadline_.wait(asio::ip::tcp::socket::wait_write, error);
    co_return;
  }
  constexpr std::size_t kWaitedReadSize = 4096;
  BIO* bio = SSL_get_rbio(ssl_);
  const std::span<char> room = socket_bio_input_room(bio, kWaitedReadSize);
  const std::size_t got = co_await deadline_.read_some(room.data(), room.size(), error);
  socket_bio_input_filled(bio, got);
  if (!error || error == asio::error::operation_aborted || error == boost::beast::error::timeout)
    co_return;
  // The peer closed or reset the connection: OpenSSL learns it as from its own read, and
  // tells a clean close_notify from a truncation.
  socket_bio_input_failed(bio, error == asio::error::eof ? 0 : error.value());
  error = {};
}

// The error Asio's own TLS stream would report, so callers and messages stay the same:
// eof for a clean close_notify, stream_truncated for a close without one, the errno of a
// failed recv/send, or OpenSSL's reason ("certificate verify failed") for the rest.
boost::system::error_code TlsByteStream::error_of(int ssl_error) {
  if (ssl_error == SSL_ERROR_ZERO_RETURN) return asio::error::eof;
  failed_ = true;
  if (ssl_error == SSL_ERROR_SYSCALL && ERR_peek_error() == 0) {
    const int cause = socket_bio_last_errno(SSL_get_rbio(ssl_));
    if (cause == 0) return asio::ssl::error::stream_truncated;
    return boost::system::error_code(cause, boost::system::system_category());
  }
  const unsigned long code = ERR_get_error();
  if (ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING)
    return asio::ssl::error::stream_truncated;
  if (code == 0) return asio::error::connection_aborted;
  return boost::system::error_code(static_cast<int>(code), asio::error::get_ssl_category());
}

asio::awaitable<std::size_t> TlsByteStream::read_some(std::span<char> into,
                                                      boost::system::error_code& error) {
  co_await deadline_.take_turn();
  std::size_t got = 0;
  co_await drive([&] { return SSL_read_ex(ssl_, into.data(), into.size(), &got); }, error);
  co_return error ? 0 : got;
}

asio::awaitable<void> TlsByteStream::write_all(std::string_view bytes,
                                               boost::system::error_code& error) {
  // Without partial writes SSL_write_ex returns once every byte is in records that went out;
  // after a "try again" it is called again with the same bytes, as OpenSSL requires.
  std::size_t written = 0;
  co_await drive([&] { return SSL_write_ex(ssl_, bytes.data(), bytes.size(), &written); }, error);
}

void TlsByteStream::set_timeout(std::chrono::steady_clock::duration timeout) {
  deadline_.set(timeout);
}

asio::awaitable<void> TlsByteStream::shutdown() {
  boost::system::error_code ignored;
  if (!failed_ && SSL_is_init_finished(ssl_)) {
    set_timeout(kShutdownGrace);
    // 0 means "sent, the peer's has not come": a proxy that is closing need not wait for it.
    co_await drive([this] { return SSL_shutdown(ssl_) >= 0 ? 1 : -1; }, ignored);
  }
  socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
}

void TlsByteStream::close() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

}  // namespace postern::proxy
