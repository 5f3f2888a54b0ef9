#pragma once
// The capture proxy's listener (practice 13): binds the address and port the options give,
// accepts on one thread and hands each connection round-robin to one of N I/O threads, each
// running its own io_context, so a connection's coroutines never need a strand and the cores
// share the load. stop() closes the listener and every connection and joins the threads.

#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "base/result.hpp"
#include "runtime/proxy/proxy_context.hpp"

namespace postern::proxy {

/// A running capture proxy.
class ProxyServer {
 public:
  /// A server for `context` (not started).
  explicit ProxyServer(std::shared_ptr<ProxyContext> context);
  /// Stops it if it runs.
  ~ProxyServer();
  ProxyServer(const ProxyServer&) = delete;
  ProxyServer& operator=(const ProxyServer&) = delete;

  /// Binds and starts the threads; the error names the address and what holds the port.
  base::Status_or_error start();
  /// Closes the listener and every connection, joins the threads. Safe to call twice.
  void stop();
  /// The port it listens on (the one asked for, or the one picked for port 0).
  std::uint16_t port() const { return port_; }
  /// The shared context (counters, options).
  ProxyContext& context() { return *context_; }

 private:
  void accept_next();

  std::shared_ptr<ProxyContext> context_;
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;
  std::vector<std::thread> threads_;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
  std::size_t next_context_ = 0;
  std::uint16_t port_ = 0;
  bool running_ = false;
};

}  // namespace postern::proxy
