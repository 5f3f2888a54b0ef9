#pragma once
// The install engine as one object, for a front end that keeps it open (the wizard): the
// services setup, doctor and reset need, built once for one user, and one call per action. Every
// call blocks, some for seconds (trust-store tools, the runtime's start), so a GUI calls them on a
// worker thread, one at a time; progress goes to the observer given at construction.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/app_paths.hpp"
#include "base/environment.hpp"
#include "base/outcome.hpp"
#include "base/progress.hpp"
#include "base/result.hpp"
#include "certs/exporter.hpp"
#include "registry/browser_detection.hpp"
#include "registry/registrar.hpp"
#include "wizard/setup/ca_trust.hpp"
#include "wizard/setup/doctor.hpp"
#include "wizard/setup/reset.hpp"
#include "wizard/setup/setup_plan.hpp"

namespace postern::setup {

/// The programs shipped with this Postern that setup installs.
struct ShippedBinaries {
  std::filesystem::path bridge;   ///< postern-bridge
  std::filesystem::path runtime;  ///< postern-runtime; empty = neither installed nor started
};

/// An earlier install, as the ledger and the files say.
struct ExistingInstall {
  std::optional<base::Error> ledger_problem;  ///< a ledger that cannot be read
  std::size_t ledger_entries = 0;             ///< what the ledger lists
  bool bridge_installed = false;              ///< the installed bridge is there and executable
  bool ca_exists = false;                     ///< `<config>/proxy` holds a CA certificate
  bool runtime_running = false;               ///< postern-runtime answers on its socket
  /// Nothing of Postern's is on this machine for this user.
  bool empty() const { return ledger_entries == 0 && !bridge_installed && !ca_exists; }
};

/// What the Detect page shows: browsers, trust stores, an earlier install.
struct Survey {
  registry::Detection browsers;     ///< installed browsers, sandboxed and policy-blocked ones too
  std::vector<StoreStatus> stores;  ///< every trust store's probe (present, tool, targets)
  ExistingInstall install;          ///< what is already installed
};

/// What an engine works with.
struct EngineParts {
  base::AppPaths paths;
  base::Environment env;
  StoreList stores;
  std::unique_ptr<registry::Registrar> registrar;
  ShippedBinaries binaries;
  std::filesystem::path detection_root = "/";  ///< prefix for browser probes (tests: a temp dir)
};

/// One user's install engine.
class Engine {
 public:
  /// `progress` must outlive the engine; every action reports to it.
  Engine(EngineParts parts, base::ProgressObserver& progress);

  /// Where this user's files live.
  const base::AppPaths& paths() const { return paths_; }
  /// The programs setup installs.
  const ShippedBinaries& binaries() const { return binaries_; }

  /// Detects browsers and trust stores and reads the ledger. Changes nothing.
  Survey survey() const;
  /// The plan for `choices`, with its findings (what `postern setup --dry-run` lists).
  SetupPlan plan(const SetupChoices& choices, const registry::Detection& browsers);
  /// Runs setup as `postern setup` does: the findings, then one outcome per step reached.
  std::vector<base::Outcome> install(const SetupChoices& choices,
                                     const registry::Detection& browsers,
                                     const base::CancellationToken& cancel);
  /// The doctor's report (the connectivity row asks the runtime for its check).
  DoctorReport diagnose();
  /// Per row of `report`: can fix() repair it? (Reads the ledger for what setup was asked.)
  std::vector<bool> fixable_rows(const DoctorReport& report) const;
  /// Re-runs what the ledger says was installed (doctor --fix), one outcome per step.
  std::vector<base::Outcome> fix();
  /// `postern reset`: stops the runtime (unless a dry run), then removes what the ledger lists.
  std::vector<base::Outcome> reset(const ResetOptions& options);
  /// `postern set-key`: stores a custom key for the bridge.
  base::Outcome set_key(std::string_view key);
  /// `postern ca export`: the CA certificate (never its key) in `format` at `out`.
  base::Outcome export_ca(certs::ExportFormat format, const std::filesystem::path& out);

 private:
  SetupContext context();

  base::AppPaths paths_;
  base::Environment env_;
  std::unique_ptr<registry::Registrar> registrar_;
  ShippedBinaries binaries_;
  std::filesystem::path detection_root_;
  base::ProgressObserver& progress_;
  CaTrust ca_trust_;
};

/// A program shipped with Postern: $<env_var>, else beside `self` (the installed layout), else
/// `<build>/<build_dir>/` for `self` anywhere below the build tree. Fails naming what it tried.
base::Result<std::filesystem::path> locate_shipped_binary(
    const base::Environment& env, const std::optional<std::filesystem::path>& self,
    const std::string& name, const std::string& env_var, const std::string& build_dir);

/// The engine for the current user and OS: paths from the environment (POSTERN_HOME), this OS's
/// trust stores and registrar, and the bridge and runtime located next to this program.
base::Result<std::unique_ptr<Engine>> make_user_engine(base::ProgressObserver& progress);

}  // namespace postern::setup
