#include "wizard/setup/ca_trust.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "base/codes.hpp"
#include "certs/cert_store.hpp"
#include "platform/trust/trust_probe.hpp"
#include "wizard/setup/created_dirs.hpp"

namespace postern::setup {

namespace fs = std::filesystem;
using base::Outcome;
using platform::trust::CaRef;
using platform::trust::TrustStore;

namespace {

Outcome ledger_failure(const base::Error& error) {
  return base::failed("ledger", error.message, std::string(base::codes::ledger_corrupt),
                      error.message, error.remedy);
}

CaRef ref_of(const certs::CertificateAuthority& ca) {
  return CaRef{ca.store_label(), ca.pem(), ca.der(), ca.sha256_hex(), ca.sha1_hex()};
}

bool wanted(const std::vector<std::string>& names, std::string_view name) {
  return names.empty() || std::find(names.begin(), names.end(), name) != names.end();
}

// Outcomes of a probe that stop a store from being used at all.
std::optional<Outcome> unusable(const TrustStore& store, const platform::trust::Probe& probe,
                                bool asked_for) {
  std::string name(store.name());
  if (!probe.present) {
    Outcome outcome =
        asked_for ? base::failed(name, probe.detail, std::string(base::codes::store_not_present),
                                 "the " + name + " trust store is not on this machine",
                                 probe.install_hint)
                  : base::skipped(name, probe.detail, "not on this machine");
    if (!asked_for) outcome.code = base::codes::store_not_present;
    return outcome;
  }
  if (!probe.tool_found) {
    return base::failed(name, probe.tool, std::string(base::codes::tool_missing),
                        probe.tool + " is needed for the " + name + " store but is not installed",
                        probe.install_hint);
  }
  return std::nullopt;
}

// The folder a store target names ("sql:/h/.pki/nssdb" -> /h/.pki/nssdb); other targets are
// files or folders already.
fs::path target_folder(const std::string& target) {
  return target.rfind("sql:", 0) == 0 ? fs::path(target.substr(4)) : fs::path(target);
}

LedgerEntry entry_for(const TrustStore& store, const std::string& target, const CaRef& ca) {
  return LedgerEntry{std::string(kTrustStoreEntry),
                     std::string(store.name()),
                     target,
                     ca.label,
                     ca.sha256_hex,
                     ca.pem,
                     ""};
}

}  // namespace

CaTrust::CaTrust(base::AppPaths paths, StoreList stores, certs::CaOwner owner,
                 base::ProgressObserver& progress)
    : paths_(std::move(paths)),
      stores_(std::move(stores)),
      owner_(std::move(owner)),
      progress_(progress) {}

TrustStore* CaTrust::find(std::string_view name) const {
  for (const auto& store : stores_)
    if (store->name() == name) return store.get();
  return nullptr;
}

base::Result<std::vector<std::string>> CaTrust::validate_store_names(
    const std::vector<std::string>& names) const {
  std::string known;
  for (const auto& store : stores_)
    known += (known.empty() ? "" : ", ") + std::string(store->name());
  for (const auto& name : names) {
    if (find(name) == nullptr) {
      return base::Error{std::make_error_code(std::errc::invalid_argument),
                         "unknown trust store \"" + name + "\"", "choose from: " + known};
    }
  }
  return names;
}

std::vector<Outcome> CaTrust::install_at(const CaPtr& ca, TrustStore& store,
                                         const std::vector<std::string>& targets,
                                         InstallLedger& ledger) {
  std::vector<Outcome> outcomes;
  const CaRef ref = ref_of(*ca);
  for (const auto& target : targets) {
    progress_.step_started("install the CA into " + std::string(store.name()), target);
    const auto new_dirs = missing_directories(target_folder(target));
    Outcome outcome = store.install(ref, target);
    record_created_directories(ledger, new_dirs);
    if (outcome.ok()) {
      // Record before moving on, so a crash after this point still lets reset find the entry.
      auto entry = entry_for(store, target, ref);
      if (!new_dirs.empty() && new_dirs.front() == target_folder(target))
        entry.details["created"] = "1";
      ledger.record(entry);
      if (auto saved = ledger.save(); !saved) outcome = ledger_failure(saved.error());
    }
    progress_.step_finished(outcome);
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

std::vector<Outcome> CaTrust::install(const CaPtr& ca, const std::vector<std::string>& names) {
  auto ledger = InstallLedger::load(paths_.ledger_file());
  if (!ledger) return {ledger_failure(ledger.error())};
  std::vector<Outcome> outcomes;
  for (const auto& store : stores_) {
    if (!wanted(names, store->name())) continue;
    auto probe = store->probe();
    for (const auto& problem : probe.problems)
      outcomes.push_back(problem);
    if (auto blocked = unusable(*store, probe, !names.empty())) {
      outcomes.push_back(*blocked);
      continue;
    }
    auto done = install_at(ca, *store, probe.targets, ledger.value());
    outcomes.insert(outcomes.end(), done.begin(), done.end());
  }
  return outcomes;
}

std::vector<Outcome> CaTrust::remove_ledger_entries(InstallLedger& ledger,
                                                    const std::vector<std::string>& names) {
  std::vector<Outcome> outcomes;
  for (const auto& entry : ledger.entries_of(kTrustStoreEntry)) {
    if (!wanted(names, entry.store)) continue;
    progress_.step_started("remove " + entry.label + " from " + entry.store, entry.target);
    TrustStore* store = find(entry.store);
    auto ref = platform::trust::make_ca_ref(entry.label, entry.pem, ledger.file().string());
    Outcome outcome;
    if (store == nullptr || !ref) {
      outcome = base::failed(
          entry.store, entry.target, std::string(base::codes::unsupported),
          store ? ref.error().message : "the ledger lists a store this build does not know",
          "remove " + entry.label + " from " + entry.target + " by hand");
    } else {
      outcome = store->uninstall(ref.value(), entry.target);
    }
    if (outcome.ok() && store != nullptr && entry.details.count("created")) {
      // Postern made this database; once our CA is out and nothing else is in it, it goes too.
      if (auto removed = store->remove_if_unused(entry.target); !removed.ok()) outcome = removed;
    }
    if (outcome.ok()) {
      ledger.forget(entry);
      if (auto saved = ledger.save(); !saved) outcome = ledger_failure(saved.error());
    }
    progress_.step_finished(outcome);
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

std::vector<Outcome> CaTrust::uninstall(const CaPtr& current,
                                        const std::vector<std::string>& names) {
  auto ledger = InstallLedger::load(paths_.ledger_file());
  if (!ledger) return {ledger_failure(ledger.error())};
  auto outcomes = remove_ledger_entries(ledger.value(), names);
  if (!current) return outcomes;
  // The current CA may also be in a store without a ledger entry (a ledger lost or restored from
  // an older backup); removing by label and fingerprint is safe and "not there" is success.
  std::set<std::pair<std::string, std::string>> handled;
  for (const auto& o : outcomes)
    handled.insert({o.store, o.target});
  const CaRef ref = ref_of(*current);
  for (const auto& store : stores_) {
    if (!wanted(names, store->name())) continue;
    auto probe = store->probe();
    if (!probe.present || !probe.tool_found) continue;
    for (const auto& target : probe.targets) {
      if (handled.count({std::string(store->name()), target})) continue;
      outcomes.push_back(store->uninstall(ref, target));
      progress_.step_finished(outcomes.back());
    }
  }
  return outcomes;
}

std::vector<StoreStatus> CaTrust::status(const CaPtr& ca,
                                         const std::vector<std::string>& names) const {
  std::vector<StoreStatus> statuses;
  const CaRef ref = ref_of(*ca);
  for (const auto& store : stores_) {
    if (!wanted(names, store->name())) continue;
    StoreStatus status{std::string(store->name()), store->probe(), {}};
    if (status.probe.present && status.probe.tool_found)
      for (const auto& target : status.probe.targets)
        status.checks.push_back(store->check(ref, target));
    statuses.push_back(std::move(status));
  }
  return statuses;
}

std::vector<StoreStatus> CaTrust::probe_stores() const {
  std::vector<StoreStatus> statuses;
  for (const auto& store : stores_)
    statuses.push_back(StoreStatus{std::string(store->name()), store->probe(), {}});
  return statuses;
}

base::Outcome CaTrust::probe_live(const CaPtr& ca) const {
  certs::CertStore leaves(ca, 1);
  auto outcome = platform::trust::probe_tls_trust(leaves, platform::trust::TlsProbeOptions{});
  outcome.step = "probe";
  return outcome;
}

}  // namespace postern::setup
