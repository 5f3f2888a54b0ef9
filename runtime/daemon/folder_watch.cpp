#include "runtime/daemon/folder_watch.hpp"

namespace postern::daemon {

FolderWatch::FolderWatch(boost::asio::io_context& io, std::chrono::milliseconds period)
    : timer_(io), period_(period) {}

void FolderWatch::start(StillOurs still_ours, Lost lost) {
  still_ours_ = std::move(still_ours);
  lost_ = std::move(lost);
  arm();  // a stop() that came first wins: arm() does nothing then
}

void FolderWatch::stop() {
  stopped_ = true;
  timer_.cancel();
}

void FolderWatch::arm() {
  if (stopped_) return;  // stop() may have come from inside still_ours_
  timer_.expires_after(period_);
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (error || stopped_) return;
    if (still_ours_()) return arm();
    stopped_ = true;
    lost_();
  });
}

}  // namespace postern::daemon
