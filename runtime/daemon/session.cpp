#include "runtime/daemon/session.hpp"

#include <atomic>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "runtime/daemon/connection_manager.hpp"

namespace postern::daemon {

namespace {

namespace asio = boost::asio;

std::uint64_t next_session_number() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

std::string dump(const nlohmann::json& message) {
  // Replace, never throw: an echoed id with broken UTF-8 must not take the runtime down.
  return message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Session::Session(Socket socket, ConnectionManager& manager, const RequestHandler& handler,
                 SessionLimits limits, LogSink log, ShutdownRequest on_shutdown)
    : socket_(std::move(socket)),
      timer_(socket_.get_executor()),
      manager_(manager),
      handler_(handler),
      limits_(limits),
      log_(std::move(log)),
      on_shutdown_(std::move(on_shutdown)),
      number_(next_session_number()),
      decoder_(limits.max_frame) {}

void Session::start() {
  asio::dispatch(socket_.get_executor(), [self = shared_from_this()] {
    self->arm_timer();
    self->do_read();
  });
}

void Session::stop() {
  asio::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->close(""); });
}

void Session::do_read() {
  reading_ = true;
  socket_.async_read_some(
      asio::buffer(buffer_),
      [self = shared_from_this()](const boost::system::error_code& error, std::size_t size) {
        self->on_read(error, size);
      });
}

void Session::on_read(const boost::system::error_code& error, std::size_t size) {
  reading_ = false;
  if (closed_) return;
  if (error) {
    // End of input inside a frame is worth a log line; the client is gone, so no answer.
    const bridge::FrameEvent end = decoder_.finish();
    close(end.kind == bridge::FrameEvent::Kind::error ? "client left mid-frame: " + end.detail
          : error == asio::error::eof                 ? ""
                                                      : "read failed: " + error.message());
    return;
  }
  decoder_.feed({buffer_.data(), size});
  arm_timer();
  handle_frames();
  maybe_resume_reading();
}

void Session::handle_frames() {
  while (!close_after_write_ && !closed_) {
    bridge::FrameEvent event = decoder_.next();
    if (event.kind == bridge::FrameEvent::Kind::need_more) return;
    const bool was_anonymous = state_.client == ClientKind::none;
    deliver(event.kind == bridge::FrameEvent::Kind::frame ? handler_.handle(event.message, state_)
                                                          : handler_.handle_frame_error(event));
    // After hello the hello deadline gives way to the (longer) idle timeout.
    if (was_anonymous && state_.client != ClientKind::none) arm_timer();
  }
}

void Session::deliver(Reply reply) {
  if (!reply.log.empty()) log(reply.log);
  if (reply.later) start_later(std::move(reply.later));
  for (const auto& message : reply.messages) {
    auto frame = bridge::encode_frame(dump(message), limits_.max_frame);
    if (frame) queue_.push_back(std::move(frame).value());
  }
  if (reply.close || reply.shutdown) close_after_write_ = true;
  if (reply.shutdown) shutdown_after_write_ = true;
  if (!writing_ && !queue_.empty()) do_write();
  if (!writing_ && queue_.empty() && close_after_write_) close("");
}

void Session::start_later(std::function<void(std::function<void(nlohmann::json)>)> work) {
  // The answer comes from another thread; it is posted back onto this session's strand, and
  // dropped there when the client has gone in the meantime.
  work([self = shared_from_this()](nlohmann::json message) {
    asio::post(self->socket_.get_executor(), [self, message = std::move(message)]() mutable {
      if (self->closed_ || self->close_after_write_) return;
      Reply answer;
      answer.messages.push_back(std::move(message));
      self->deliver(std::move(answer));
    });
  });
}

void Session::do_write() {
  writing_ = true;
  asio::async_write(socket_, asio::buffer(queue_.front()),
                    [self = shared_from_this()](const boost::system::error_code& error,
                                                std::size_t size) { self->on_write(error, size); });
}

void Session::on_write(const boost::system::error_code& error, std::size_t) {
  writing_ = false;
  if (closed_) return;
  if (error) return close("write failed: " + error.message());
  queue_.pop_front();
  if (!queue_.empty()) return do_write();
  if (shutdown_after_write_) {
    shutdown_after_write_ = false;
    // The server stops every session, this one included, after the answer went out.
    if (on_shutdown_) on_shutdown_();
  }
  if (close_after_write_) return close("");
  maybe_resume_reading();
}

void Session::maybe_resume_reading() {
  // Back-pressure: with too many answers unwritten, stop reading until the client catches up.
  if (!closed_ && !reading_ && !close_after_write_ && queue_.size() < limits_.max_queued_frames)
    do_read();
}

void Session::arm_timer() {
  const bool anonymous = state_.client == ClientKind::none;
  timer_.expires_after(anonymous ? limits_.hello_timeout : limits_.idle_timeout);
  timer_.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
    self->on_timer(error);
  });
}

void Session::on_timer(const boost::system::error_code& error) {
  // Aborted: re-armed by a read, or the session closed. A later expiry means re-armed too.
  if (error == asio::error::operation_aborted || closed_) return;
  if (timer_.expiry() > asio::steady_timer::clock_type::now()) return;
  close(state_.client == ClientKind::none ? "no hello in time" : "idle for too long");
}

void Session::close(const std::string& why) {
  if (closed_) return;
  closed_ = true;
  if (!why.empty()) log(why);
  boost::system::error_code ignored;
  socket_.shutdown(Socket::shutdown_both, ignored);
  socket_.close(ignored);
  timer_.cancel();
  manager_.leave(shared_from_this());
}

void Session::log(const std::string& line) const {
  if (log_) log_("session " + std::to_string(number_) + ": " + line);
}

}  // namespace postern::daemon
