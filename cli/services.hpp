#pragma once
// Everything the setup-family commands need, built once per run for the current user and OS:
// paths, environment, the privileged runner, the CA trust engine, the manifest registrar, and
// where the postern-bridge shipped with this postern is.

#include <filesystem>
#include <memory>

#include "base/app_paths.hpp"
#include "base/environment.hpp"
#include "base/progress.hpp"
#include "base/result.hpp"
#include "registry/registrar.hpp"
#include "wizard/setup/ca_trust.hpp"

namespace postern::cli {

/// The parts commands share; `ca_trust` and `registrar` use process-wide runners.
struct Services {
  base::AppPaths paths;
  base::Environment env;
  std::unique_ptr<setup::CaTrust> ca_trust;
  std::unique_ptr<registry::Registrar> registrar;
};

/// Builds the services; `progress` must outlive them.
base::Result<Services> make_services(base::ProgressObserver& progress);

/// The postern-bridge to install: $POSTERN_BRIDGE_BINARY, else beside this executable (installed
/// layout), else in the build tree (`<build>/runtime/bridge/`). Fails naming what it tried.
base::Result<std::filesystem::path> locate_bridge_binary(const base::Environment& env);

}  // namespace postern::cli
