#pragma once
// The runtime's socket server: the listener, the connection manager and the request handler
// wired together, with one stop() that ends everything (practice 13). main wires signals to
// stop(); a `shutdown` request from the CLI ends up there too. Capture, the proxy and the
// control API join this object in later issues.

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "base/result.hpp"
#include "runtime/daemon/connection_manager.hpp"
#include "runtime/daemon/limits.hpp"
#include "runtime/daemon/listener.hpp"
#include "runtime/daemon/log_sink.hpp"
#include "runtime/daemon/request_handler.hpp"

namespace postern::daemon {

/// The runtime socket server on one io_context.
class Server {
 public:
  /// A server for `socket_file`. `on_stop` runs once, when stop() does (main cancels its signal
  /// wait there, so io_context::run() can return). `allowed_uid` is this user unless a test
  /// says otherwise. `connectivity` runs connectivity.check (main wires the requester in).
  Server(boost::asio::io_context& io, std::filesystem::path socket_file, ServerLimits limits,
         LogSink log, std::function<void()> on_stop = {},
         unsigned long allowed_uid = static_cast<unsigned long>(::geteuid()),
         ConnectivityCheck connectivity = {});
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the socket and starts accepting; the reason when it cannot.
  base::Status_or_error start();
  /// Stops accepting and closes every session. Safe from any thread, and more than once.
  void stop();
  /// The facts replies carry: pid, start time, uptime, clients.
  RuntimeFacts facts() const;
  /// Clients connected now.
  std::size_t clients() const { return manager_.count(); }

 private:
  boost::asio::io_context& io_;
  LogSink log_;
  std::function<void()> on_stop_;
  std::chrono::steady_clock::time_point started_;
  std::string started_at_;
  ConnectionManager manager_;
  RequestHandler handler_;
  std::shared_ptr<Listener> listener_;
  std::atomic<bool> stopped_{false};
};

}  // namespace postern::daemon
