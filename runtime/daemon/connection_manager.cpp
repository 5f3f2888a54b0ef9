#include "runtime/daemon/connection_manager.hpp"

#include <vector>

#include "runtime/daemon/session.hpp"

namespace postern::daemon {

void ConnectionManager::start(const std::shared_ptr<Session>& session) {
  bool accepted = false;
  {
    std::lock_guard lock(mutex_);
    accepted = !stopped_;
    if (accepted) sessions_.insert(session);
  }
  // Outside the lock: a session whose socket already failed calls leave() from start().
  if (accepted) {
    session->start();
  } else {
    session->stop();
  }
}

void ConnectionManager::leave(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session);
}

void ConnectionManager::stop_all() {
  std::vector<std::shared_ptr<Session>> stopping;
  {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    stopping.assign(sessions_.begin(), sessions_.end());
    sessions_.clear();
  }
  // Outside the lock, so a session's own leave() cannot deadlock against us.
  for (const auto& session : stopping)
    session->stop();
}

std::size_t ConnectionManager::count() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace postern::daemon
