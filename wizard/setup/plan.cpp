#include "wizard/setup/plan.hpp"

namespace postern::setup {

namespace {

base::Outcome titled(base::Outcome outcome, const Step& step, const char* phase) {
  if (outcome.step.empty()) outcome.step = phase;
  if (outcome.cause.empty()) outcome.cause = step.title();
  return outcome;
}

base::Outcome cancelled_outcome(const Step& step) {
  auto outcome = base::skipped("setup", "", "cancelled before: " + step.title());
  outcome.step = "run";
  return outcome;
}

}  // namespace

std::vector<base::Outcome> Plan::run(const PlanOptions& options, base::ProgressObserver& progress,
                                     const base::CancellationToken& cancel) const {
  std::vector<base::Outcome> outcomes;
  for (const auto& step : steps_) {
    if (cancel.cancelled()) {
      outcomes.push_back(cancelled_outcome(*step));
      break;
    }
    progress.step_started(step->title(), "");
    auto outcome = options.dry_run ? titled(step->check(), *step, "check")
                                   : titled(step->apply(), *step, "apply");
    progress.step_finished(outcome);
    const bool failed = !outcome.ok();
    outcomes.push_back(std::move(outcome));
    if (failed && options.stop_on_failure && !options.dry_run) break;
  }
  return outcomes;
}

std::vector<base::Outcome> Plan::revert(base::ProgressObserver& progress) const {
  std::vector<base::Outcome> outcomes;
  for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) {
    progress.step_started("undo: " + (*it)->title(), "");
    outcomes.push_back(titled((*it)->revert(), **it, "revert"));
    progress.step_finished(outcomes.back());
  }
  return outcomes;
}

}  // namespace postern::setup
