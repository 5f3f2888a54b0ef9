#pragma once
// The control API's listener (practice 13): binds 127.0.0.1 (port 0 = any free port), accepts
// each connection onto its own strand as an ApiSession, and on stop() closes the acceptor and
// every open session so the io_context can finish. The guard runs before the routes for every
// request. start() writes `<runtime>/control.json` (port and a fresh token); stop() removes it.
// Event streams (GET /v1/events) are sessions too, so stop() ends them as well.

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "base/result.hpp"
#include "runtime/control/api_router.hpp"
#include "runtime/control/api_session.hpp"
#include "runtime/control/control_file.hpp"

namespace postern::control {

/// The control API server.
class ApiServer : public std::enable_shared_from_this<ApiServer> {
 public:
  /// A server on `io` answering with `router`, its control file in `runtime_dir`.
  ApiServer(boost::asio::io_context& io, std::filesystem::path runtime_dir, ApiRouter router);

  /// Binds 127.0.0.1:`port` (0: any free port), writes the control file, starts accepting.
  base::Status_or_error start(std::uint16_t port = 0);
  /// Stops accepting, closes sessions, removes the control file. Safe from any thread, twice.
  void stop();
  /// Where it listens, with its token (valid after start()).
  const ControlEndpoint& endpoint() const { return endpoint_; }
  /// How long an event stream may stay quiet before a keep-alive comment (kEventKeepAlive);
  /// call before start().
  void set_event_keep_alive(std::chrono::milliseconds interval) { event_keep_alive_ = interval; }

 private:
  void do_accept();
  ApiResponse answer(const ApiRequest& request) const;

  boost::asio::io_context& io_;
  std::filesystem::path runtime_dir_;
  ApiRouter router_;
  boost::asio::ip::tcp::acceptor acceptor_;
  ControlEndpoint endpoint_;
  std::mutex sessions_mutex_;
  std::vector<std::weak_ptr<ApiSession>> sessions_;
  bool stopped_ = false;
  std::chrono::milliseconds event_keep_alive_ = kEventKeepAlive;
};

}  // namespace postern::control
