#include "wizard/setup/manifest_step.hpp"

#include "runtime/bridge/allowed_origins.hpp"
#include "wizard/setup/created_dirs.hpp"
#include "wizard/setup/install_ledger.hpp"

namespace postern::setup {

namespace fs = std::filesystem;
using registry::BrowserFamily;

namespace {

LedgerEntry entry_for(const registry::Location& location, const fs::path& bridge) {
  LedgerEntry entry{std::string(kManifestEntry),
                    location.browser,
                    location.target(),
                    location.display,
                    "",
                    "",
                    ""};
  entry.details = {{"scope", std::string(registry::to_string(location.scope))},
                   {"family", std::string(registry::to_string(location.family))},
                   {"bridge", bridge.string()}};
  return entry;
}

base::Outcome ledger_failure(const base::Error& error, const fs::path& file) {
  return base::failed("ledger", file.string(), "LEDGER_CORRUPT", error.message, error.remedy);
}

}  // namespace

registry::HostManifest our_manifest(const fs::path& bridge, BrowserFamily family) {
  registry::HostManifest manifest;
  manifest.name = std::string(registry::kHostName);
  manifest.description = "Postern bridge: connects the Postern extension to the Postern runtime";
  manifest.path = bridge.string();
  if (family == BrowserFamily::firefox)
    manifest.allowed_extensions = {std::string(kFirefoxExtensionId)};
  else
    manifest.allowed_origins = {std::string(bridge::kBuiltInExtensionOrigin)};
  return manifest;
}

ManifestStep::ManifestStep(registry::Registrar& registrar, registry::Location location,
                           fs::path bridge, fs::path ledger_file)
    : registrar_(registrar),
      location_(std::move(location)),
      bridge_(std::move(bridge)),
      ledger_file_(std::move(ledger_file)) {}

std::string ManifestStep::title() const {
  return "register the bridge with " + location_.display + " (" +
         std::string(registry::to_string(location_.scope)) + ")";
}

base::Outcome ManifestStep::check() const {
  auto outcome = registrar_.check(our_manifest(bridge_, location_.family), location_);
  // Missing or out of date is work for apply(), not a fault, when checking a plan.
  if (outcome.code == "MANIFEST_MISSING" || outcome.code == "HOST_NOT_EXECUTABLE")
    outcome.status = base::Status::skipped;
  return outcome;
}

base::Outcome ManifestStep::apply() {
  auto ledger = InstallLedger::load(ledger_file_);
  if (!ledger) return ledger_failure(ledger.error(), ledger_file_);
  // Recorded first: if we are killed after writing, reset still knows the manifest is ours.
  ledger.value().record(entry_for(location_, bridge_));
  if (auto saved = ledger.value().save(); !saved)
    return ledger_failure(saved.error(), ledger_file_);
  const auto new_dirs = missing_directories(location_.folder);
  auto outcome = registrar_.install(our_manifest(bridge_, location_.family), location_);
  // Nothing of ours is there after a failure (a foreign file, no permission): forget the entry.
  if (!outcome.ok()) ledger.value().forget(entry_for(location_, bridge_));
  record_created_directories(ledger.value(), new_dirs);
  if (auto saved = ledger.value().save(); !saved)
    return ledger_failure(saved.error(), ledger_file_);
  return outcome;
}

base::Outcome ManifestStep::revert() {
  auto outcome = registrar_.uninstall(our_manifest(bridge_, location_.family), location_);
  if (!outcome.ok()) return outcome;
  auto ledger = InstallLedger::load(ledger_file_);
  if (!ledger) return ledger_failure(ledger.error(), ledger_file_);
  ledger.value().forget(entry_for(location_, bridge_));
  // The folders this step created on the way to the manifest, innermost first.
  for (fs::path dir = location_.folder; !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path()) {
    for (const auto& created : ledger.value().entries_of(kDirectoryEntry)) {
      if (created.target != dir.string()) continue;
      if (remove_directory_if_empty(created).ok()) ledger.value().forget(created);
    }
  }
  if (auto saved = ledger.value().save(); !saved)
    return ledger_failure(saved.error(), ledger_file_);
  return outcome;
}

UndoEntry manifest_undo(registry::Registrar& registrar, base::Environment env) {
  return [&registrar, env = std::move(env)](const LedgerEntry& entry) -> base::Outcome {
    const auto scope = entry.details.count("scope") && entry.details.at("scope") == "system"
                           ? registry::Scope::system
                           : registry::Scope::user;
    auto locations = registry::locations_for(entry.store, base::current_os(), scope, env);
    if (locations) {
      for (const auto& location : locations.value()) {
        if (location.target() != entry.target) continue;
        const fs::path bridge = entry.details.count("bridge") ? entry.details.at("bridge") : "";
        return registrar.uninstall(our_manifest(bridge, location.family), location);
      }
    }
    return base::failed(
        entry.store, entry.target, "MANIFEST_INVALID",
        "cannot tell how " + entry.target + " was registered (its browser row changed)",
        "remove " + entry.target + " by hand");
  };
}

}  // namespace postern::setup
