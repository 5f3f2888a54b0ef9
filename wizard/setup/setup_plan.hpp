#pragma once
// The plan `postern setup` (and the wizard) runs: install the bridge, register it with the chosen
// browsers, give it its key, trust the CA in the chosen stores. Built from the user's choices and
// what browser detection found; shared by the CLI and the GUI.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/app_paths.hpp"
#include "base/environment.hpp"
#include "registry/browser_detection.hpp"
#include "registry/registrar.hpp"
#include "wizard/setup/ca_trust.hpp"
#include "wizard/setup/plan.hpp"

namespace postern::setup {

/// What the user chose.
struct SetupChoices {
  std::vector<std::string> browsers = {};         ///< browser ids; empty = every detected browser
  registry::Scope scope = registry::Scope::user;  ///< user (no root needed) or system
  std::vector<std::string> ca_stores = {};        ///< empty = every store found
  bool skip_ca = false;                           ///< `--ca-stores none`
  std::optional<std::uint16_t> proxy_port = {};   ///< the capture proxy's port; unset = 5555
  bool lan = false;             ///< the proxy listens on every interface (phones, other machines)
  std::string custom_key = {};  ///< the bridge's key; empty = a random per-install key
};

/// The capture proxy's port when none is chosen (the runtime's own default).
inline constexpr std::uint16_t kDefaultProxyPort = 5555;

/// The arguments the runtime starts with for these choices (`--port N`, `--lan`).
std::vector<std::string> runtime_arguments(const SetupChoices& choices);

/// What the plan works with; everything referenced must outlive the plan.
struct SetupContext {
  base::AppPaths paths;
  base::Environment env;
  CaTrust& ca_trust;
  registry::Registrar& registrar;
  std::filesystem::path bridge_source;  ///< the postern-bridge built or shipped with this postern
  std::filesystem::path runtime_source = {};  ///< postern-runtime; empty = not installed
};

/// A plan plus what setup found on the way (no browser, sandboxed or policy-blocked browsers).
struct SetupPlan {
  Plan plan;
  std::vector<base::Outcome> findings;  ///< reported before the steps; failures stop setup
};

/// Where setup installs the bridge: `<data>/bin/postern-bridge` (`.exe` on Windows).
std::filesystem::path installed_bridge_path(const base::AppPaths& paths);
/// Where setup installs the runtime: beside the bridge, which starts the one next to itself.
std::filesystem::path installed_runtime_path(const base::AppPaths& paths);

/// Builds the plan; browsers named in `choices` that are unknown or not installed become failed
/// findings, and so does finding no browser at all (CHROME_NOT_INSTALLED).
SetupPlan build_setup_plan(const SetupContext& context, const SetupChoices& choices,
                           const registry::Detection& detection);

}  // namespace postern::setup
