#pragma once
// What every command needs, built once per run: our paths, the trust stores for this OS, and the
// CA trust engine over them.

#include <memory>

#include "base/app_paths.hpp"
#include "base/result.hpp"
#include "wizard/setup/ca_trust.hpp"

namespace postern::cli {

/// Builds the CaTrust engine for the current user and OS from the real environment.
/// `progress` must outlive the engine.
base::Result<std::unique_ptr<setup::CaTrust>> make_ca_trust(base::ProgressObserver& progress);

}  // namespace postern::cli
