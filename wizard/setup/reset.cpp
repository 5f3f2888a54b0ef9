#include "wizard/setup/reset.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>

#include "base/codes.hpp"
#include "runtime/bridge/runtime_probe.hpp"
#include "wizard/setup/created_dirs.hpp"
#include "wizard/setup/file_step.hpp"

namespace postern::setup {

namespace fs = std::filesystem;
using base::Outcome;

namespace {

Outcome would_remove(const LedgerEntry& entry) {
  auto outcome = base::skipped(entry.store, entry.target, "would remove " + entry.label);
  outcome.step = "reset";
  return outcome;
}

Outcome unknown_kind(const LedgerEntry& entry) {
  return base::failed(entry.store, entry.target, std::string(base::codes::unsupported),
                      "the ledger lists a \"" + entry.kind + "\" entry this build cannot remove",
                      "remove " + entry.target + " by hand, then run `postern reset` again");
}

// Removes `dir` and everything in it; a folder that is not there is fine.
Outcome remove_folder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return base::already("postern", dir.string(), "not there");
  fs::remove_all(dir, ec);
  if (ec) {
    return base::failed(
        "postern", dir.string(), std::string(base::codes::file_permissions_required),
        "cannot remove " + dir.string() + ": " + ec.message(), "rm -r " + dir.string());
  }
  return base::done("postern", dir.string(), "removed Postern's folder");
}

// A running runtime keeps its folders and the installed binary busy, and once they are gone
// nothing could reach it to stop it: it goes first, and the stop waits until it has exited.
std::optional<Outcome> stop_runtime(const base::AppPaths& paths) {
  auto stopped = bridge::request_runtime_shutdown(paths.runtime, bridge::kRuntimeStopTimeout);
  if (stopped) return std::nullopt;
  return base::failed("runtime", paths.runtime.string(), "RUNTIME_NOT_RESPONDING",
                      stopped.error().message, stopped.error().remedy + ", then reset again");
}

}  // namespace

Reset::Reset(CaTrust& ca_trust, base::ProgressObserver& progress)
    : ca_trust_(ca_trust), progress_(progress) {}

void Reset::add_undo(std::string kind, UndoEntry undo) {
  undo_.emplace_back(std::move(kind), std::move(undo));
}

std::vector<Outcome> Reset::undo_kind(InstallLedger& ledger, const std::string& kind,
                                      const UndoEntry& undo, bool dry_run) {
  std::vector<Outcome> outcomes;
  auto entries = ledger.entries_of(kind);
  // A folder can only go after the folders inside it.
  if (kind == kDirectoryEntry)
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.target.size() > b.target.size(); });
  for (const auto& entry : entries) {
    progress_.step_started("remove " + entry.label, entry.target);
    Outcome outcome = dry_run ? would_remove(entry) : undo(entry);
    if (outcome.step.empty()) outcome.step = "reset";
    if (!dry_run && outcome.ok()) {
      ledger.forget(entry);
      if (auto saved = ledger.save(); !saved) {
        outcome =
            base::failed("ledger", ledger.file().string(), std::string(base::codes::ledger_corrupt),
                         saved.error().message, saved.error().remedy);
      }
    }
    progress_.step_finished(outcome);
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

std::vector<Outcome> Reset::remove_own_folders(const ResetOptions& options) {
  const auto& paths = ca_trust_.paths();
  std::vector<Outcome> outcomes{remove_folder(paths.data), remove_folder(paths.runtime)};
  if (!options.keep_ca) {
    outcomes.push_back(remove_folder(paths.config));
    return outcomes;
  }
  // Keep the CA (<config>/proxy) and the ledger that says where it is trusted; the rest goes.
  std::error_code ec;
  for (const auto& item : fs::directory_iterator(paths.config, ec))
    if (item.path() != paths.proxy_dir() && item.path() != paths.ledger_file())
      outcomes.push_back(remove_folder(item.path()));
  return outcomes;
}

std::vector<Outcome> Reset::run(const ResetOptions& options) {
  std::vector<Outcome> outcomes;
  if (!options.dry_run)
    if (auto not_stopped = stop_runtime(ca_trust_.paths())) outcomes.push_back(*not_stopped);
  auto ledger = InstallLedger::load(ca_trust_.paths().ledger_file());
  if (!ledger) {
    outcomes.push_back(base::failed("ledger", ca_trust_.paths().ledger_file().string(),
                                    std::string(base::codes::ledger_corrupt),
                                    ledger.error().message, ledger.error().remedy));
    return outcomes;
  }
  std::set<std::string> known{std::string(kTrustStoreEntry), std::string(kDirectoryEntry)};
  // Registered kinds first (manifests, registry values: browsers stop starting the bridge), then
  // our files (the bridge itself), then the CA.
  auto order = undo_;
  order.emplace_back(std::string(kFileEntry), remove_installed_file);
  for (const auto& [kind, undo] : order) {
    known.insert(kind);
    auto done = undo_kind(ledger.value(), kind, undo, options.dry_run);
    outcomes.insert(outcomes.end(), done.begin(), done.end());
  }
  for (const auto& entry : ledger.value().entries())
    if (!known.count(entry.kind)) outcomes.push_back(unknown_kind(entry));
  if (!options.keep_ca) {
    if (options.dry_run) {
      for (const auto& entry : ledger.value().entries_of(kTrustStoreEntry))
        outcomes.push_back(would_remove(entry));
    } else {
      auto current = certs::CertificateAuthority::load(
          certs::CaFiles::in(ca_trust_.paths().proxy_dir()), certs::KeyUse::not_needed);
      auto removed = ca_trust_.uninstall(current ? current.value() : nullptr, {});
      outcomes.insert(outcomes.end(), removed.begin(), removed.end());
    }
  }
  // Last, the folders setup created for others (emptied by the steps above), deepest first. The
  // CA removal saved the ledger itself, so read it again.
  auto fresh = InstallLedger::load(ca_trust_.paths().ledger_file());
  if (fresh) {
    auto removed = undo_kind(fresh.value(), std::string(kDirectoryEntry), remove_directory_if_empty,
                             options.dry_run);
    outcomes.insert(outcomes.end(), removed.begin(), removed.end());
  }
  // Our folders go only when nothing is left to retry: the ledger inside them is the to-do list.
  if (!options.dry_run && base::all_ok(outcomes)) {
    auto removed = remove_own_folders(options);
    outcomes.insert(outcomes.end(), removed.begin(), removed.end());
  }
  return outcomes;
}

}  // namespace postern::setup
