#include "runtime/daemon/listener.hpp"

#include <sys/stat.h>
#include <sys/un.h>

#include <cerrno>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include "base/codes.hpp"
#include "runtime/bridge/errc.hpp"
#include "runtime/bridge/protocol.hpp"
#include "runtime/bridge/runtime_probe.hpp"
#include "runtime/daemon/connection_manager.hpp"

namespace postern::daemon {

namespace {

namespace asio = boost::asio;
using stream_protocol = asio::local::stream_protocol;

base::Error cannot_listen(const std::filesystem::path& file, const std::string& why) {
  return base::Error{make_error_code(bridge::errc::runtime_not_running),
                     "cannot listen on " + file.string() + ": " + why,
                     "check that the runtime folder is yours and writable"};
}

}  // namespace

Listener::Listener(asio::io_context& io, std::filesystem::path socket_file,
                   ConnectionManager& manager, const RequestHandler& handler, ServerLimits limits,
                   unsigned long allowed_uid, LogSink log, Session::ShutdownRequest on_shutdown)
    : io_(io),
      socket_file_(std::move(socket_file)),
      acceptor_(io),
      manager_(manager),
      handler_(handler),
      limits_(limits),
      allowed_uid_(allowed_uid),
      log_(std::move(log)),
      on_shutdown_(std::move(on_shutdown)) {}

base::Status_or_error Listener::open() {
  // Asio throws for a path longer than sun_path; say it as an error instead.
  if (socket_file_.string().size() >= sizeof(sockaddr_un{}.sun_path))
    return cannot_listen(socket_file_, "the path is longer than a socket path may be");
  const stream_protocol::endpoint endpoint(socket_file_.string());
  boost::system::error_code error;
  acceptor_.open(endpoint.protocol(), error);
  if (!error) acceptor_.bind(endpoint, error);
  // 0600 on top of the 0700 folder: either alone keeps other users out on Linux.
  if (!error && ::chmod(socket_file_.c_str(), 0600) != 0)
    error.assign(errno, boost::system::system_category());
  if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return cannot_listen(socket_file_, error.message());
  }
  return base::Ok{};
}

void Listener::start() {
  do_accept();
}

void Listener::stop() {
  asio::dispatch(io_, [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
  });
}

void Listener::do_accept() {
  // Each connection gets its own strand, so a session's handlers never run concurrently even
  // when the io_context runs on several threads.
  acceptor_.async_accept(
      asio::make_strand(io_),
      [self = shared_from_this()](const boost::system::error_code& error, auto socket) {
        self->on_accept(error, Session::Socket(std::move(socket)));
      });
}

void Listener::on_accept(const boost::system::error_code& error, Session::Socket socket) {
  if (error == asio::error::operation_aborted || !acceptor_.is_open()) return;
  if (error) {
    if (log_) log_("accept failed: " + error.message());
  } else if (admit(socket)) {
    manager_.start(std::make_shared<Session>(std::move(socket), manager_, handler_, limits_.session,
                                             log_, on_shutdown_));
  }
  do_accept();
}

bool Listener::admit(Session::Socket& socket) {
  boost::system::error_code ignored;
  // The 0700 folder already keeps other users away from the socket file. The peer check still
  // matters: some systems ignore permissions on socket files, the folder may have been made by
  // someone else or loosened, and root or a process handed our descriptor bypasses paths. It
  // costs one system call per connection.
  const auto uid = bridge::peer_user_id(socket.native_handle());
  if (!uid || *uid != allowed_uid_) {
    if (log_)
      log_("refused a connection from " +
           (uid ? "user id " + std::to_string(*uid) : std::string("an unknown user")));
    socket.close(ignored);
    return false;
  }
  if (manager_.count() >= limits_.max_clients) {
    if (log_) log_("refused a connection: " + std::to_string(limits_.max_clients) + " clients");
    const std::string text =
        bridge::make_error(
            base::codes::runtime_busy,
            "postern-runtime already serves " + std::to_string(limits_.max_clients) + " clients",
            "close other Postern windows or CLI calls and try again")
            .dump();
    // A fresh socket's send buffer is empty, so this short blocking write returns at once.
    if (auto frame = bridge::encode_frame(text, limits_.session.max_frame))
      asio::write(socket, asio::buffer(frame.value()), ignored);
    socket.close(ignored);
    return false;
  }
  return true;
}

}  // namespace postern::daemon
