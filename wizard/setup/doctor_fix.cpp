#include "wizard/setup/doctor_fix.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "runtime/bridge/runtime_probe.hpp"
#include "wizard/setup/install_ledger.hpp"
#include "wizard/setup/manifest_step.hpp"

namespace postern::setup {

base::Outcome runtime_row(const base::AppPaths& paths) {
  const auto socket = bridge::runtime_socket_file(paths.runtime).string();
  auto probe = bridge::runtime_status(paths);
  if (probe.running) {
    return base::already("runtime", socket,
                         "postern-runtime " + probe.version + " (pid " + std::to_string(probe.pid) +
                             ") answers, up " + std::to_string(probe.uptime_s) + " s");
  }
  return base::failed("runtime", socket, probe.code, probe.message,
                      "the bridge starts it when the extension connects; or run " +
                          installed_runtime_path(paths).string());
}

SetupChoices recorded_choices(const base::AppPaths& paths) {
  SetupChoices choices;
  choices.skip_ca = true;
  auto ledger = InstallLedger::load(paths.ledger_file());
  if (!ledger) return choices;
  auto add = [](std::vector<std::string>& list, const std::string& name) {
    if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
  };
  for (const auto& entry : ledger.value().entries_of(kManifestEntry))
    add(choices.browsers, entry.store);
  for (const auto& entry : ledger.value().entries_of(kTrustStoreEntry)) {
    add(choices.ca_stores, entry.store);
    choices.skip_ca = false;
  }
  return choices;
}

bool fixable(const base::Outcome& row, const SetupChoices& recorded) {
  // Each is undone by one of setup's steps: the bridge's file step, a manifest step, the CA step,
  // the runtime step. The rest (keys, tools, policies, the network) need a person.
  static constexpr std::array<std::string_view, 6> kRepairable = {
      "HOST_NOT_EXECUTABLE", "MANIFEST_MISSING", "MANIFEST_INVALID",
      "CA_MISSING",          "CA_NOT_TRUSTED",   "RUNTIME_NOT_RUNNING"};
  if (row.status != base::Status::failed || recorded.browsers.empty() ||
      std::find(kRepairable.begin(), kRepairable.end(), row.code) == kRepairable.end())
    return false;
  if (row.code == "CA_MISSING") return !recorded.skip_ca;
  if (row.code == "CA_NOT_TRUSTED")
    return !recorded.skip_ca && std::find(recorded.ca_stores.begin(), recorded.ca_stores.end(),
                                          row.store) != recorded.ca_stores.end();
  return true;
}

std::vector<base::Outcome> apply_fixes(const SetupContext& context,
                                       const registry::Detection& detection,
                                       base::ProgressObserver& progress) {
  const SetupChoices choices = recorded_choices(context.paths);
  if (choices.browsers.empty())
    return {base::skipped("fix", context.paths.ledger_file().string(),
                          "nothing was set up yet: run setup first")};
  auto built = build_setup_plan(context, choices, detection);
  base::CancellationToken cancel;
  return built.plan.run({.stop_on_failure = false}, progress, cancel);
}

}  // namespace postern::setup
