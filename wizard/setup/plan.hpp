#pragma once
// An ordered list of steps: run (or dry-run) them in order, revert them in reverse order.

#include <memory>
#include <vector>

#include "base/progress.hpp"
#include "wizard/setup/step.hpp"

namespace postern::setup {

/// How a plan runs.
struct PlanOptions {
  bool dry_run = false;  ///< only check(); report what would change
  bool stop_on_failure =
      true;  ///< later steps usually depend on earlier ones (the bridge before its manifests)
};

/// Steps in the order they must happen.
class Plan {
 public:
  /// Appends a step; the plan owns it.
  void add(std::unique_ptr<Step> step) { steps_.push_back(std::move(step)); }
  /// Runs every step (or checks it, in a dry run) and returns one outcome per step reached.
  /// A cancelled token stops before the next step; the steps done so far stay done and recorded.
  std::vector<base::Outcome> run(const PlanOptions& options, base::ProgressObserver& progress,
                                 const base::CancellationToken& cancel) const;
  /// Reverts every step, last first, always attempting all of them.
  std::vector<base::Outcome> revert(base::ProgressObserver& progress) const;
  /// The steps, in order.
  const std::vector<std::unique_ptr<Step>>& steps() const { return steps_; }

 private:
  std::vector<std::unique_ptr<Step>> steps_;
};

}  // namespace postern::setup
