#pragma once
// The capture window's control-API calls run here, one after another on one background thread,
// in the order they were asked for: a user's Pause, then Stop, must reach the runtime in that
// order, and the window must never wait for a socket. Unlike gui::Worker (one job or a refusal),
// jobs queue up, since a window asks for a page, a detail and a status at the same moment.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace postern::gui {

/// A FIFO of jobs on one thread. Destroying it drops the jobs not started and waits for the
/// one running (a loopback call: bounded by the client's connect and reply timeouts).
class CallQueue {
 public:
  CallQueue();
  ~CallQueue();
  CallQueue(const CallQueue&) = delete;
  CallQueue& operator=(const CallQueue&) = delete;

  /// Queues `job`; it runs on the queue's thread and must not throw.
  void post(std::function<void()> job);
  /// Jobs queued or running now (their results may still be on their way to the UI thread).
  std::size_t pending() const;

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::thread thread_;  // last: started once everything it uses exists
};

}  // namespace postern::gui
