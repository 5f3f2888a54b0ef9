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

/// A program shipped with postern: $<env_var>, else beside this executable (installed layout),
/// else in the build tree (`<build>/<build_dir>/`). Fails naming what it tried.
base::Result<std::filesystem::path> locate_binary(const base::Environment& env,
                                                  const std::string& name,
                                                  const std::string& env_var,
                                                  const std::string& build_dir);

/// postern-bridge ($POSTERN_BRIDGE_BINARY, runtime/bridge/ in the build tree).
base::Result<std::filesystem::path> locate_bridge_binary(const base::Environment& env);
/// postern-runtime ($POSTERN_RUNTIME_BINARY, runtime/daemon/ in the build tree).
base::Result<std::filesystem::path> locate_runtime_binary(const base::Environment& env);

}  // namespace postern::cli
