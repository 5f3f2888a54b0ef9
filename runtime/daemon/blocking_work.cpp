#include "runtime/daemon/blocking_work.hpp"

#include <boost/asio/post.hpp>

namespace postern::daemon {

BlockingWork::BlockingWork(std::size_t threads, std::size_t max_jobs)
    : pool_(threads), max_jobs_(max_jobs) {}

BlockingWork::~BlockingWork() {
  stop();
}

bool BlockingWork::run(std::function<void()> job) {
  if (cancelled_) return false;
  if (jobs_.fetch_add(1) >= max_jobs_) {
    --jobs_;
    return false;
  }
  boost::asio::post(pool_, [this, job = std::move(job)] {
    job();
    --jobs_;
  });
  return true;
}

void BlockingWork::stop() {
  cancelled_ = true;
  pool_.join();
}

}  // namespace postern::daemon
