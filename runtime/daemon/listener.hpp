#pragma once
// Accepts connections on the runtime's Unix socket (practice 13: listener -> session -> handler).
// Each accepted socket lands on its own strand. The listener checks the peer's user id before
// anything is read, enforces the client cap, and hands the socket to a Session.

#include <filesystem>
#include <memory>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>

#include "base/result.hpp"
#include "runtime/daemon/limits.hpp"
#include "runtime/daemon/log_sink.hpp"
#include "runtime/daemon/session.hpp"

namespace postern::daemon {

class ConnectionManager;
class RequestHandler;

/// The accepting end of `<runtime>/postern.sock`.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  /// A listener for `socket_file`, admitting only processes of user `allowed_uid`. `manager`
  /// and `handler` must outlive it.
  Listener(boost::asio::io_context& io, std::filesystem::path socket_file,
           ConnectionManager& manager, const RequestHandler& handler, ServerLimits limits,
           unsigned long allowed_uid, LogSink log, Session::ShutdownRequest on_shutdown);

  /// Binds and listens; the socket file gets mode 0600. Any stale file must be gone already
  /// (InstanceLock removes it). Fails with the reason, naming the file.
  base::Status_or_error open();
  /// Starts accepting.
  void start();
  /// Stops accepting and closes the listening socket (the file is InstanceLock's to remove).
  void stop();

 private:
  void do_accept();
  void on_accept(const boost::system::error_code& error, Session::Socket socket);
  bool admit(Session::Socket& socket);

  boost::asio::io_context& io_;
  std::filesystem::path socket_file_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  ConnectionManager& manager_;
  const RequestHandler& handler_;
  ServerLimits limits_;
  unsigned long allowed_uid_;
  LogSink log_;
  Session::ShutdownRequest on_shutdown_;
};

}  // namespace postern::daemon
