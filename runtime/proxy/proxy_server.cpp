#include "runtime/proxy/proxy_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>

#include "runtime/proxy/client_session.hpp"
#include "runtime/proxy/lan_addresses.hpp"

namespace postern::proxy {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

unsigned thread_count(unsigned asked) {
  if (asked > 0) return asked;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

base::Error bind_error(const boost::system::error_code& error, const ListenOptions& listen) {
  const std::string where = listen.address + ":" + std::to_string(listen.port);
  if (error == asio::error::address_in_use)
    return base::Error{std::make_error_code(std::errc::address_in_use),
                       "the proxy cannot listen on " + where + ": the port is already in use",
                       "stop the program using it, or start the runtime with --port N"};
  if (error == asio::error::access_denied)
    return base::Error{std::make_error_code(std::errc::permission_denied),
                       "the proxy may not listen on " + where,
                       "ports below 1024 need privileges; choose a port above 1024"};
  return base::Error{std::make_error_code(std::errc::address_not_available),
                     "the proxy cannot listen on " + where + ": " + error.message(),
                     "check the address and port"};
}

}  // namespace

ProxyServer::ProxyServer(std::shared_ptr<ProxyContext> context) : context_(std::move(context)) {}

ProxyServer::~ProxyServer() {
  stop();
}

base::Status_or_error ProxyServer::start() {
  const ListenOptions& listen = context_->options().listen;
  const unsigned threads = thread_count(context_->options().threads);
  for (unsigned i = 0; i < threads; ++i)
    contexts_.push_back(std::make_unique<asio::io_context>(1));
  boost::system::error_code error;
  const tcp::endpoint endpoint(asio::ip::make_address(listen.address, error), listen.port);
  if (error) return bind_error(error, listen);
  acceptor_ = std::make_unique<tcp::acceptor>(*contexts_.front());
  acceptor_->open(endpoint.protocol(), error);
  if (!error) acceptor_->set_option(tcp::acceptor::reuse_address(true), error);
  if (!error) acceptor_->bind(endpoint, error);
  if (!error) acceptor_->listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    acceptor_.reset();
    contexts_.clear();
    return bind_error(error, listen);
  }
  port_ = acceptor_->local_endpoint().port();
  context_->set_listening(
      port_, listen.address == "127.0.0.1" ? std::vector<std::string>{} : lan_addresses());
  accept_next();
  running_ = true;
  for (auto& io : contexts_) {
    threads_.emplace_back([io = io.get()] {
      auto work = asio::make_work_guard(*io);  // idle threads wait for connections
      io->run();
    });
  }
  return base::Ok{};
}

void ProxyServer::accept_next() {
  asio::io_context& target = *contexts_[next_context_];
  next_context_ = (next_context_ + 1) % contexts_.size();
  acceptor_->async_accept(
      target, [this, &target](const boost::system::error_code& error, tcp::socket socket) {
        if (error == asio::error::operation_aborted || !acceptor_->is_open()) return;
        if (!error)
          asio::co_spawn(target, serve_client(*context_, std::move(socket)), asio::detached);
        // Other errors (EMFILE, a connection reset before accept) affect one connection only.
        accept_next();
      });
}

void ProxyServer::stop() {
  if (!running_) return;
  running_ = false;
  asio::post(*contexts_.front(), [this] {
    boost::system::error_code ignored;
    acceptor_->close(ignored);
  });
  for (auto& io : contexts_)
    io->stop();
  for (auto& thread : threads_)
    thread.join();
  threads_.clear();
  acceptor_.reset();
  contexts_.clear();  // destroys every connection still open
}

}  // namespace postern::proxy
