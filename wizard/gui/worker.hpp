#pragma once
// Runs the engine's blocking calls off the UI thread, one at a time, so the window keeps
// painting and Cancel stays clickable. The result comes back on the UI thread, and only while
// the window that asked still exists.

#include <wx/app.h>
#include <wx/weakref.h>
#include <wx/window.h>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

namespace postern::gui {

/// One background thread at a time; joined before a new job and on destruction.
class Worker {
 public:
  Worker() = default;
  ~Worker() { join(); }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  /// True while a job runs (its result may still be queued after this turns false).
  bool busy() const { return busy_.load(); }

  /// Runs `work` on a thread, then `done(result)` on the UI thread if `owner` still exists.
  /// Returns false (and runs nothing) while another job is running.
  template <typename Result>
  bool start(wxWindow* owner, std::function<Result()> work, std::function<void(Result)> done) {
    if (busy_.exchange(true)) return false;
    join();
    // The weak reference registers with the window, which is not thread-safe: it is made here
    // and read and destroyed only on the UI thread. The worker just moves the pointer along.
    auto owner_ref = std::make_shared<wxWeakRef<wxWindow>>(owner);
    thread_ = std::thread([this, owner_ref = std::move(owner_ref), work = std::move(work),
                           done = std::move(done)]() mutable {
      auto result = std::make_shared<Result>(work());
      busy_.store(false);
      wxTheApp->CallAfter([owner_ref = std::move(owner_ref), done = std::move(done), result] {
        if (*owner_ref) done(std::move(*result));
      });
    });
    return true;
  }

  /// Waits for the current job's thread (its result is still delivered through the event loop).
  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::atomic<bool> busy_{false};
  std::thread thread_;
};

}  // namespace postern::gui
