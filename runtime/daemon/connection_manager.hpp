#pragma once
// Every live session of the runtime socket, so the runtime can count its clients and stop all
// of them at once (practice 13; Asio's http/server connection_manager has the same shape).

#include <cstddef>
#include <memory>
#include <mutex>
#include <set>

namespace postern::daemon {

class Session;

/// Owns the live sessions. Thread-safe: sessions join and leave from their own strands.
class ConnectionManager {
 public:
  ConnectionManager() = default;
  ConnectionManager(const ConnectionManager&) = delete;
  ConnectionManager& operator=(const ConnectionManager&) = delete;

  /// Adds `session` and starts it. After stop_all(), a late session is stopped instead.
  void start(const std::shared_ptr<Session>& session);
  /// Removes `session` (it ended on its own); the session closes itself.
  void leave(const std::shared_ptr<Session>& session);
  /// Stops every session and refuses new ones: the runtime is stopping.
  void stop_all();
  /// Sessions alive now.
  std::size_t count() const;

 private:
  mutable std::mutex mutex_;
  std::set<std::shared_ptr<Session>> sessions_;
  bool stopped_ = false;
};

}  // namespace postern::daemon
