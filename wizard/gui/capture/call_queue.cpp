#include "wizard/gui/capture/call_queue.hpp"

namespace postern::gui {

CallQueue::CallQueue() : thread_([this] { run(); }) {}

CallQueue::~CallQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  thread_.join();
}

void CallQueue::post(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

std::size_t CallQueue::pending() const {
  std::lock_guard lock(mutex_);
  return jobs_.size() + running_;
}

void CallQueue::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    if (stopping_) return;
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    ++running_;
    lock.unlock();
    job();
    job = nullptr;  // its captures go on this thread, before the next job starts
    lock.lock();
    --running_;
  }
}

}  // namespace postern::gui
