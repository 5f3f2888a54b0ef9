#include "runtime/proxy/socket_deadline.hpp"

#include <sys/socket.h>

#include <cerrno>

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>

namespace postern::proxy {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using tcp = asio::ip::tcp;

// Held by shared pointer by the timer's handler too, so a handler already queued when the
// stream goes away finds `socket` null and does nothing.
struct SocketDeadline::Watch {
  explicit Watch(tcp::socket& watched) : timer(watched.get_executor()), socket(&watched) {}

  asio::steady_timer timer;
  tcp::socket* socket;
  Clock::time_point deadline = Clock::time_point::max();
  Clock::time_point armed_for = Clock::time_point::max();
  bool armed = false;
  bool timed_out = false;
  int waits = 0;            // waits in progress
  unsigned generation = 0;  // the arming a handler belongs to; older ones do nothing

  static void arm(const std::shared_ptr<Watch>& watch, Clock::time_point at) {
    watch->armed = true;
    watch->armed_for = at;
    const unsigned generation = ++watch->generation;
    watch->timer.expires_at(at);
    watch->timer.async_wait([watch, generation](const boost::system::error_code& error) {
      if (generation != watch->generation || watch->socket == nullptr) return;
      watch->armed = false;
      if (error || watch->waits == 0) return;  // the next wait arms it again
      if (Clock::now() < watch->deadline) {
        arm(watch, watch->deadline);  // the deadline moved on since this was armed
        return;
      }
      watch->timed_out = true;
      boost::system::error_code ignored;
      watch->socket->cancel(ignored);
    });
  }
};

SocketDeadline::SocketDeadline(tcp::socket& socket) : watch_(std::make_shared<Watch>(socket)) {}

SocketDeadline::~SocketDeadline() {
  watch_->socket = nullptr;
  boost::system::error_code ignored;
  watch_->timer.cancel(ignored);
}

void SocketDeadline::set(Clock::duration timeout) {
  Watch& watch = *watch_;
  watch.deadline = Clock::now() + timeout;
  watch.timed_out = false;
  // A shorter timeout applies to the waits already under way too, as with Beast's streams.
  if (watch.armed && watch.waits > 0 && watch.armed_for > watch.deadline)
    Watch::arm(watch_, watch.deadline);
}

bool SocketDeadline::begin_wait(boost::system::error_code& error) {
  Watch& watch = *watch_;
  if (watch.timed_out || Clock::now() >= watch.deadline) {
    error = boost::beast::error::timeout;
    return false;
  }
  if (!watch.armed || watch.armed_for > watch.deadline) Watch::arm(watch_, watch.deadline);
  reads_without_wait_ = 0;  // this operation goes back to the event loop: the others get a turn
  ++watch.waits;
  return true;
}

void SocketDeadline::end_wait(boost::system::error_code& error) {
  --watch_->waits;
  if (watch_->timed_out) error = boost::beast::error::timeout;
}

asio::awaitable<void> SocketDeadline::wait(tcp::socket::wait_type want,
                                           boost::system::error_code& error) {
  if (!begin_wait(error)) co_return;
  co_await watch_->socket->async_wait(want, asio::redirect_error(asio::use_awaitable, error));
  end_wait(error);
}

asio::awaitable<std::size_t> SocketDeadline::read_some(char* into, std::size_t size,
                                                       boost::system::error_code& error) {
  if (!begin_wait(error)) co_return 0;
  const std::size_t n = co_await watch_->socket->async_read_some(
      asio::buffer(into, size), asio::redirect_error(asio::use_awaitable, error));
  end_wait(error);
  co_return n;
}

asio::awaitable<void> SocketDeadline::take_turn() {
  constexpr int kReadsPerTurn = 32;
  if (++reads_without_wait_ <= kReadsPerTurn) co_return;
  reads_without_wait_ = 0;
  co_await asio::post(watch_->timer.get_executor(), asio::use_awaitable);
}

namespace {

bool would_block(int error) {
  return error == EAGAIN || error == EWOULDBLOCK;
}

}  // namespace

asio::awaitable<void> write_socket(tcp::socket& socket, SocketDeadline& deadline, const char* bytes,
                                   std::size_t size, boost::system::error_code& error) {
  while (size > 0) {
    // MSG_NOSIGNAL: a peer gone away is an EPIPE for this connection, not a SIGPIPE.
    const ssize_t n = ::send(socket.native_handle(), bytes, size, MSG_NOSIGNAL);
    if (n >= 0) {
      bytes += n;
      size -= static_cast<std::size_t>(n);
      continue;
    }
    if (errno == EINTR) continue;
    if (!would_block(errno)) {
      error = boost::system::error_code(errno, boost::system::system_category());
      co_return;
    }
    co_await deadline.wait(tcp::socket::wait_write, error);
    if (error) co_return;
  }
}

}  // namespace postern::proxy
