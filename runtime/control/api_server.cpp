#include "runtime/control/api_server.hpp"

#include <unistd.h>

#include <algorithm>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>

#include "runtime/control/api_guard.hpp"

namespace postern::control {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

base::Error bind_error(std::uint16_t port, const boost::system::error_code& error) {
  return base::Error{
      std::make_error_code(std::errc::address_in_use),
      "the control API cannot listen on 127.0.0.1:" + std::to_string(port) + ": " + error.message(),
      "choose another port, or stop what uses it"};
}

}  // namespace

ApiServer::ApiServer(asio::io_context& io, std::filesystem::path runtime_dir, ApiRouter router)
    : io_(io), runtime_dir_(std::move(runtime_dir)), router_(std::move(router)), acceptor_(io) {}

base::Status_or_error ApiServer::start(std::uint16_t port) {
  auto token = new_control_token();
  if (!token) return token.error();
  boost::system::error_code error;
  const tcp::endpoint where(asio::ip::address_v4::loopback(), port);
  acceptor_.open(where.protocol(), error);
  if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor_.bind(where, error);
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (error) return bind_error(port, error);
  endpoint_.port = acceptor_.local_endpoint().port();
  endpoint_.token = std::move(token).value();
  endpoint_.pid = static_cast<long>(::getpid());
  if (auto written = write_control_file(control_file(runtime_dir_), endpoint_); !written)
    return written;
  do_accept();
  return base::Ok{};
}

void ApiServer::do_accept() {
  acceptor_.async_accept(asio::make_strand(io_), [self = shared_from_this()](
                                                     const boost::system::error_code& error,
                                                     tcp::socket socket) {
    if (error == asio::error::operation_aborted || !self->acceptor_.is_open()) return;
    if (!error) {
      auto session = std::make_shared<ApiSession>(
          std::move(socket), [self](const ApiRequest& request) { return self->answer(request); },
          self->event_keep_alive_);
      {
        std::lock_guard lock(self->sessions_mutex_);
        auto& sessions = self->sessions_;
        sessions.erase(std::remove_if(sessions.begin(), sessions.end(),
                                      [](const auto& weak) { return weak.expired(); }),
                       sessions.end());
        sessions.push_back(session);
      }
      session->start();
    }
    self->do_accept();
  });
}

ApiResponse ApiServer::answer(const ApiRequest& request) const {
  if (auto refused = refuse_unless_allowed(request, endpoint_)) return *refused;
  return router_.handle(request);
}

void ApiServer::stop() {
  asio::dispatch(acceptor_.get_executor(), [self = shared_from_this()] {
    if (self->stopped_) return;
    self->stopped_ = true;
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    std::error_code removed;
    std::filesystem::remove(control_file(self->runtime_dir_), removed);
    std::lock_guard lock(self->sessions_mutex_);
    for (const auto& weak : self->sessions_)
      if (auto session = weak.lock()) session->stop();
    self->sessions_.clear();
  });
}

}  // namespace postern::control
