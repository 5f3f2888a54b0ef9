#include "runtime/daemon/server.hpp"

#include <ctime>

#include <boost/asio/post.hpp>

namespace postern::daemon {

namespace {

// Now, UTC, ISO 8601 to the second ("2024-05-01T12:00:00Z"), for started_at.
std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  ::gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace

Server::Server(boost::asio::io_context& io, std::filesystem::path socket_file, ServerLimits limits,
               LogSink log, std::function<void()> on_stop, unsigned long allowed_uid,
               ConnectivityCheck connectivity)
    : io_(io),
      log_(std::move(log)),
      on_stop_(std::move(on_stop)),
      started_(std::chrono::steady_clock::now()),
      started_at_(utc_now()),
      handler_([this] { return facts(); }, std::move(connectivity)) {
  // A shutdown request is posted, not run inside the session's write handler, so the session
  // finishes its own handler before the manager closes it.
  auto request_stop = [this] { boost::asio::post(io_, [this] { stop(); }); };
  listener_ = std::make_shared<Listener>(io, std::move(socket_file), manager_, handler_, limits,
                                         allowed_uid, log_, request_stop);
}

base::Status_or_error Server::start() {
  auto opened = listener_->open();
  if (!opened) return opened;
  listener_->start();
  return base::Ok{};
}

void Server::stop() {
  if (stopped_.exchange(true)) return;
  listener_->stop();
  manager_.stop_all();
  if (on_stop_) on_stop_();
}

RuntimeFacts Server::facts() const {
  RuntimeFacts facts;
  facts.pid = static_cast<long>(::getpid());
  facts.started_at = started_at_;
  facts.uptime_s =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_)
          .count();
  facts.clients = manager_.count();
  return facts;
}

}  // namespace postern::daemon
