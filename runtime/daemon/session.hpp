#pragma once
// One client connection on the runtime socket (practice 13): the session owns its socket, read
// buffer and timer, runs on its own strand, and chains reads and writes through do_x/on_x pairs
// that keep it alive with shared_from_this(). It only moves bytes: frames go through the
// bridge's FrameDecoder, answers come from RequestHandler, which does no I/O.
//
// Classic handlers rather than C++20 coroutines here: this is the shape practice 13 names, and
// Boost 1.74's Asio has no awaitable operators (`||`, added in 1.77), so a read with a timeout
// in coroutine form would need a hand-made watchdog anyway; a timer beside do_read says it
// plainly.

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include "runtime/bridge/frame_codec.hpp"
#include "runtime/daemon/limits.hpp"
#include "runtime/daemon/log_sink.hpp"
#include "runtime/daemon/request_handler.hpp"

namespace postern::daemon {

class ConnectionManager;

/// A connection from one client (the bridge or the CLI).
class Session : public std::enable_shared_from_this<Session> {
 public:
  /// The socket type; its executor should be a strand (the listener accepts onto one).
  using Socket = boost::asio::local::stream_protocol::socket;
  /// Called once the answer to a shutdown request has been written.
  using ShutdownRequest = std::function<void()>;

  /// A session over `socket`. `manager` and `handler` must outlive it.
  Session(Socket socket, ConnectionManager& manager, const RequestHandler& handler,
          SessionLimits limits, LogSink log, ShutdownRequest on_shutdown);

  /// Starts reading and the hello timer (ConnectionManager::start calls it).
  void start();
  /// Closes the connection, from any thread: the work is dispatched onto the session's strand.
  void stop();

 private:
  void do_read();
  void on_read(const boost::system::error_code& error, std::size_t size);
  void do_write();
  void on_write(const boost::system::error_code& error, std::size_t size);
  void arm_timer();
  void on_timer(const boost::system::error_code& error);
  void handle_frames();
  void deliver(Reply reply);
  void start_later(std::function<void(std::function<void(nlohmann::json)>)> work);
  void maybe_resume_reading();
  void close(const std::string& why);
  void log(const std::string& line) const;

  Socket socket_;
  boost::asio::steady_timer timer_;
  ConnectionManager& manager_;
  const RequestHandler& handler_;
  SessionLimits limits_;
  LogSink log_;
  ShutdownRequest on_shutdown_;
  std::uint64_t number_;  // for log lines: "session 3: ..."
  bridge::FrameDecoder decoder_;
  SessionState state_;
  std::array<char, kReadChunk> buffer_{};
  std::deque<std::string> queue_;  // encoded frames; front() is being written
  bool reading_ = false;
  bool writing_ = false;
  bool close_after_write_ = false;     // a fatal frame error or shutdown: no more input
  bool shutdown_after_write_ = false;  // a cli client asked the runtime to stop
  bool closed_ = false;
};

}  // namespace postern::daemon
