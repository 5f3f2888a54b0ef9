#pragma once
// The runtime stops by itself once its socket is no longer its own: `postern reset` or the user
// deleted the runtime folder, a temporary home went away, or another runtime replaced the
// socket. The bridge and the CLI find the runtime only by that socket, so such a runtime could
// never be reached or stopped again; it would live on unseen, holding the proxy's port.
// gpg-agent watches its socket for the same reason. The check is a stat() once a second.

#include <chrono>
#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace postern::daemon {

/// How often the runtime checks that its socket is still there and still the one it bound.
inline constexpr std::chrono::milliseconds kFolderCheckPeriod{1000};

/// A timer on the runtime's io_context that calls `still_ours` every period and `lost` once,
/// the first time it answers false. Runs on the io_context's thread; stop() before io.run() can
/// return, because a pending timer keeps it running.
class FolderWatch {
 public:
  using StillOurs = std::function<bool()>;
  using Lost = std::function<void()>;

  FolderWatch(boost::asio::io_context& io, std::chrono::milliseconds period);
  FolderWatch(const FolderWatch&) = delete;
  FolderWatch& operator=(const FolderWatch&) = delete;

  /// Starts checking, unless stop() came first; `lost` is called at most once, after which the
  /// watch stops.
  void start(StillOurs still_ours, Lost lost);
  /// Cancels the timer. Safe to call twice, and before start().
  void stop();

 private:
  void arm();

  boost::asio::steady_timer timer_;
  std::chrono::milliseconds period_;
  StillOurs still_ours_;
  Lost lost_;
  bool stopped_ = false;
};

}  // namespace postern::daemon
