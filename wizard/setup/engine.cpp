#include "wizard/setup/engine.hpp"

#include "platform/command_runner.hpp"
#include "platform/executable_path.hpp"
#include "platform/privileged.hpp"
#include "platform/trust/stores.hpp"
#include "registry/registrar.hpp"
#include "runtime/bridge/bridge_key_store.hpp"
#include "runtime/bridge/runtime_probe.hpp"
#include "wizard/setup/connectivity_row.hpp"
#include "wizard/setup/doctor_fix.hpp"
#include "wizard/setup/install_ledger.hpp"
#include "wizard/setup/key_step.hpp"
#include "wizard/setup/manifest_step.hpp"

namespace postern::setup {

namespace fs = std::filesystem;

namespace {

ExistingInstall existing_install(const base::AppPaths& paths) {
  ExistingInstall install;
  auto ledger = InstallLedger::load(paths.ledger_file());
  if (ledger)
    install.ledger_entries = ledger.value().entries().size();
  else
    install.ledger_problem = ledger.error();
  install.bridge_installed = registry::is_host_executable(installed_bridge_path(paths));
  std::error_code ec;
  install.ca_exists = fs::exists(certs::CaFiles::in(paths.proxy_dir()).cert, ec);
  install.runtime_running = bridge::runtime_status(paths).running;
  return install;
}

// One privileged runner for the process, so "no way to gain root" is found (and said) once.
platform::PrivilegedRunner& privileged_runner(const base::Environment& env) {
  static platform::PrivilegedRunner runner(platform::system_runner(),
                                           platform::PrivilegeContext::detect(env));
  return runner;
}

}  // namespace

Engine::Engine(EngineParts parts, base::ProgressObserver& progress)
    : paths_(parts.paths),
      env_(std::move(parts.env)),
      registrar_(std::move(parts.registrar)),
      binaries_(std::move(parts.binaries)),
      detection_root_(std::move(parts.detection_root)),
      progress_(progress),
      ca_trust_(parts.paths, std::move(parts.stores), certs::CaOwner::current(), progress) {}

SetupContext Engine::context() {
  return SetupContext{paths_, env_, ca_trust_, *registrar_, binaries_.bridge, binaries_.runtime};
}

Survey Engine::survey() const {
  registry::DetectionContext detect{detection_root_, env_, base::current_os(),
                                    registry::registry_app_path_lookup()};
  return Survey{registry::detect_browsers(detect), ca_trust_.probe_stores(),
                existing_install(paths_)};
}

SetupPlan Engine::plan(const SetupChoices& choices, const registry::Detection& browsers) {
  return build_setup_plan(context(), choices, browsers);
}

std::vector<base::Outcome> Engine::install(const SetupChoices& choices,
                                           const registry::Detection& browsers,
                                           const base::CancellationToken& cancel) {
  auto built = plan(choices, browsers);
  auto outcomes = built.findings;
  auto ran = built.plan.run({}, progress_, cancel);
  outcomes.insert(outcomes.end(), ran.begin(), ran.end());
  return outcomes;
}

DoctorReport Engine::diagnose() {
  DoctorContext doctor{paths_,
                       env_,
                       ca_trust_,
                       *registrar_,
                       survey().browsers,
                       [this] { return runtime_row(paths_); },
                       [this] { return ask_runtime_connectivity(paths_, std::nullopt); }};
  return run_doctor(doctor);
}

std::vector<bool> Engine::fixable_rows(const DoctorReport& report) const {
  const auto recorded = recorded_choices(paths_);
  std::vector<bool> rows;
  for (const auto& check : report.checks)
    // Without a runtime binary, fix() cannot start one.
    rows.push_back(setup::fixable(check, recorded) &&
                   !(check.code == "RUNTIME_NOT_RUNNING" && binaries_.runtime.empty()));
  return rows;
}

std::vector<base::Outcome> Engine::fix() {
  return apply_fixes(context(), survey().browsers, progress_);
}

std::vector<base::Outcome> Engine::reset(const ResetOptions& options) {
  Reset reset(ca_trust_, progress_);
  reset.add_undo(std::string(kManifestEntry), manifest_undo(*registrar_, env_));
  reset.add_undo(std::string(kKeyEntry), remove_key_file);
  auto outcomes = reset.run(options);
  if (options.dry_run) {
    // Reset removes our own folders last (when everything else went); a preview lists them too,
    // so it shows exactly what will be removed.
    for (const auto& dir : {paths_.data, paths_.runtime, paths_.config}) {
      std::error_code ec;
      if (!fs::exists(dir, ec)) continue;
      auto folder = base::skipped("postern", dir.string(), "would remove Postern's folder");
      folder.step = "reset";
      outcomes.push_back(std::move(folder));
    }
  }
  return outcomes;
}

base::Outcome Engine::set_key(std::string_view key) {
  auto outcome =
      set_custom_key(key, bridge::BridgeKeyStore::default_file(paths_), paths_.ledger_file());
  outcome.step = "set-key";
  return outcome;
}

base::Outcome Engine::export_ca(certs::ExportFormat format, const fs::path& out) {
  auto ensured = ca_trust_.ensure_ca(certs::KeyUse::not_needed);
  if (!ensured)
    return base::failed("ca", paths_.proxy_dir().string(), "CA_MISSING", ensured.error().message,
                        ensured.error().remedy);
  auto written = certs::export_certificate_to(*ensured.value().ca, format, out);
  if (!written)
    return base::failed("ca", out.string(), "FILE_WRITE_FAILED", written.error().message,
                        written.error().remedy);
  auto outcome = base::done(
      "ca", out.string(),
      "exported the CA certificate (the private key stays in " + paths_.proxy_dir().string() + ")");
  outcome.step = "export";
  return outcome;
}

base::Result<fs::path> locate_shipped_binary(const base::Environment& env,
                                             const std::optional<fs::path>& self,
                                             const std::string& name, const std::string& env_var,
                                             const std::string& build_dir) {
  const std::string file = base::current_os() == base::Os::Windows ? name + ".exe" : name;
  std::vector<fs::path> candidates;
  if (auto given = env(env_var)) candidates.emplace_back(*given);
  if (self) {
    candidates.push_back(self->parent_path() / file);
    // In the build tree the programs sit in their folders' mirrors: cli/postern,
    // wizard/gui/postern-wizard, runtime/bridge/postern-bridge. Walk up to the build root.
    for (fs::path dir = self->parent_path(); dir.has_relative_path() && dir != dir.parent_path();
         dir = dir.parent_path()) {
      candidates.push_back(dir.parent_path() / build_dir / file);
      if (candidates.size() > 6) break;
    }
  }
  std::string tried;
  for (const auto& candidate : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return fs::absolute(candidate);
    tried += (tried.empty() ? "" : ", ") + candidate.string();
  }
  return base::Error{std::make_error_code(std::errc::no_such_file_or_directory),
                     "cannot find " + name + " (looked at " + tried + ")",
                     "build it (scripts/build.sh) or set " + env_var + "=<path>"};
}

base::Result<std::unique_ptr<Engine>> make_user_engine(base::ProgressObserver& progress) {
  auto paths = base::current_app_paths();
  if (!paths) return paths.error();
  auto env = base::process_environment();
  const auto self = platform::current_executable();
  auto bridge =
      locate_shipped_binary(env, self, "postern-bridge", "POSTERN_BRIDGE_BINARY", "runtime/bridge");
  if (!bridge) return bridge.error();
  auto runtime = locate_shipped_binary(env, self, "postern-runtime", "POSTERN_RUNTIME_BINARY",
                                       "runtime/daemon");
  auto& privileged = privileged_runner(env);
  EngineParts parts{paths.value(),
                    env,
                    platform::trust::default_stores(env, platform::system_runner(), privileged),
                    registry::make_os_registrar(privileged),
                    {bridge.value(), runtime ? runtime.value() : fs::path()}};
  return std::make_unique<Engine>(std::move(parts), progress);
}

}  // namespace postern::setup
