#pragma once
// A few worker threads for work that blocks (outbound requests through libcurl), so the socket
// sessions' I/O thread never waits on the network. Bounded: a client that floods requests gets
// "busy" answers instead of an ever-growing queue. Stopping sets a cancel flag that running
// jobs watch, then waits for them, so the runtime stops in well under a second.

#include <atomic>
#include <cstddef>
#include <functional>

#include <boost/asio/thread_pool.hpp>

namespace postern::daemon {

/// Worker threads for blocking jobs.
class BlockingWork {
 public:
  /// `threads` workers; at most `max_jobs` jobs queued or running at once.
  BlockingWork(std::size_t threads, std::size_t max_jobs);
  ~BlockingWork();
  BlockingWork(const BlockingWork&) = delete;
  BlockingWork& operator=(const BlockingWork&) = delete;

  /// Queues `job`; false (and `job` is dropped) when stopped or when max_jobs are in hand.
  bool run(std::function<void()> job);
  /// Set once stop() begins: long jobs poll it and end early.
  const std::atomic<bool>& cancelled() const { return cancelled_; }
  /// Sets cancelled(), then waits for queued and running jobs. Safe to call more than once.
  void stop();

 private:
  boost::asio::thread_pool pool_;
  std::size_t max_jobs_;
  std::atomic<std::size_t> jobs_{0};
  std::atomic<bool> cancelled_{false};
};

}  // namespace postern::daemon
