#pragma once
// How long work reports progress and learns it should stop. Libraries call these; front ends
// (CLI lines, wizard progress bars) implement them.

#include <atomic>
#include <string_view>

#include "base/outcome.hpp"

namespace postern::base {

/// Set by a front end (Cancel button, Ctrl-C); polled by long work between steps.
class CancellationToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

/// Receives progress from long work. Every method has a do-nothing default.
class ProgressObserver {
 public:
  virtual ~ProgressObserver() = default;
  /// A step began; `what` is a short human description, `target` the file or store involved.
  virtual void step_started(std::string_view what, std::string_view target) {
    (void)what;
    (void)target;
  }
  /// A step ended with this outcome.
  virtual void step_finished(const Outcome& outcome) { (void)outcome; }
  /// A free-form detail line ("running update-ca-certificates").
  virtual void detail(std::string_view line) { (void)line; }
};

/// An observer that ignores everything, for callers that do not show progress.
inline ProgressObserver& null_progress() {
  static ProgressObserver observer;
  return observer;
}

}  // namespace postern::base
