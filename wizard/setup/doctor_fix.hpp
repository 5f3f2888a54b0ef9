#pragma once
// What the doctor's front ends share beyond run_doctor(): the runtime row, which rows a re-run of
// setup repairs, and that repair (`postern doctor --fix`, the wizard's Fix buttons). The repair
// re-runs exactly what the ledger says was installed and never widens it: a user who chose only
// the NSS store does not get the system store "fixed".

#include <vector>

#include "base/app_paths.hpp"
#include "base/outcome.hpp"
#include "base/progress.hpp"
#include "registry/browser_detection.hpp"
#include "wizard/setup/setup_plan.hpp"

namespace postern::setup {

/// The doctor's runtime row: already when postern-runtime answers on its socket, else failed
/// with the probe's code (RUNTIME_NOT_RUNNING, ...) and how to start it.
base::Outcome runtime_row(const base::AppPaths& paths);

/// What setup was asked to install, read back from the ledger (browsers with manifests, stores
/// holding the CA); `skip_ca` when no store does.
SetupChoices recorded_choices(const base::AppPaths& paths);

/// True when re-running setup's `recorded` steps repairs this row (a missing bridge, manifest, CA
/// trust in a store setup chose, or a stopped runtime); false for what needs a person (a key
/// mismatch, a missing tool, a policy) and for what setup was never asked to do.
bool fixable(const base::Outcome& row, const SetupChoices& recorded);

/// Re-runs the recorded setup steps, each idempotent, without stopping at a failure; skipped
/// when nothing was set up yet.
std::vector<base::Outcome> apply_fixes(const SetupContext& context,
                                       const registry::Detection& detection,
                                       base::ProgressObserver& progress);

}  // namespace postern::setup
