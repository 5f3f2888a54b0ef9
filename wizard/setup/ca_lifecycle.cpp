// CaTrust's CA life cycle: create on first use, regenerate, and the old-CA clean-up both share.
#include <algorithm>
#include <ctime>
#include <filesystem>
#include <map>

#include "base/codes.hpp"
#include "wizard/setup/ca_trust.hpp"

namespace postern::setup {

namespace fs = std::filesystem;
using base::Outcome;
using platform::trust::TrustStore;

namespace {

// store name -> targets the ledger lists for it, in ledger order.
std::map<std::string, std::vector<std::string>> trust_targets(const InstallLedger& ledger) {
  std::map<std::string, std::vector<std::string>> targets;
  for (const auto& entry : ledger.entries_of(kTrustStoreEntry)) {
    auto& list = targets[entry.store];
    if (std::find(list.begin(), list.end(), entry.target) == list.end())
      list.push_back(entry.target);
  }
  return targets;
}

// Unusable CA files are moved aside rather than deleted: they may be the only copy of something
// the user wants to inspect, and regenerate must never destroy data silently.
Outcome move_aside(const fs::path& proxy_dir) {
  std::time_t now = std::time(nullptr);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::gmtime(&now));
  fs::path aside = proxy_dir.string() + ".broken-" + stamp;
  std::error_code ec;
  fs::rename(proxy_dir, aside, ec);
  if (ec) {
    return base::failed("ca", proxy_dir.string(), std::string(base::codes::ca_invalid),
                        "cannot move the unusable CA folder aside: " + ec.message(),
                        "move or delete " + proxy_dir.string() + " by hand, then run again");
  }
  auto outcome = base::done("ca", aside.string(), "moved the unusable CA files aside");
  outcome.step = "regenerate";
  return outcome;
}

Outcome remove_ca_files(const certs::CaFiles& files) {
  std::error_code cert_ec, key_ec;
  fs::remove(files.cert, cert_ec);
  fs::remove(files.key, key_ec);
  if (cert_ec || key_ec) {
    return base::failed("ca", files.cert.parent_path().string(),
                        std::string(base::codes::ca_invalid),
                        "cannot delete the old CA files: " + (cert_ec ? cert_ec : key_ec).message(),
                        "delete " + files.cert.parent_path().string() + " by hand, then run again");
  }
  auto outcome = base::done("ca", files.cert.parent_path().string(), "deleted the old CA's files");
  outcome.step = "regenerate";
  return outcome;
}

}  // namespace

base::Result<EnsuredCa> CaTrust::replace_ca(const CaPtr& old_ca) {
  auto ledger = InstallLedger::load(paths_.ledger_file());
  if (!ledger) return ledger.error();
  const auto targets = trust_targets(ledger.value());
  EnsuredCa result;
  // The old CA leaves every store before the new one exists, so no store is left trusting a CA
  // whose key is gone (seed 001's "delete the proxy folder" recovery, done properly).
  result.outcomes = uninstall(old_ca, {});
  const auto files = certs::CaFiles::in(paths_.proxy_dir());
  if (old_ca) result.outcomes.push_back(remove_ca_files(files));
  if (!result.outcomes.empty() && !result.outcomes.back().ok()) {
    return base::Error{std::make_error_code(std::errc::io_error), result.outcomes.back().cause,
                       result.outcomes.back().remedy};
  }
  auto created = certs::CertificateAuthority::create(files, owner_);
  if (!created) return created.error();
  result.ca = created.value();
  result.created = true;
  auto reloaded = InstallLedger::load(paths_.ledger_file());
  if (!reloaded) return reloaded.error();
  for (const auto& [name, store_targets] : targets) {
    TrustStore* store = find(name);
    if (store == nullptr) continue;  // already reported by uninstall()
    auto installed = install_at(result.ca, *store, store_targets, reloaded.value());
    result.outcomes.insert(result.outcomes.end(), installed.begin(), installed.end());
  }
  return result;
}

base::Result<EnsuredCa> CaTrust::ensure_ca(certs::KeyUse key_use) {
  const auto files = certs::CaFiles::in(paths_.proxy_dir());
  std::error_code ec;
  if (!fs::exists(files.cert, ec) && !fs::exists(files.key, ec)) return replace_ca(nullptr);
  auto loaded = certs::CertificateAuthority::load(files, key_use);
  if (!loaded) return loaded.error();
  return EnsuredCa{loaded.value(), false, {}};
}

base::Result<EnsuredCa> CaTrust::regenerate() {
  const auto files = certs::CaFiles::in(paths_.proxy_dir());
  std::error_code ec;
  std::vector<Outcome> moved;
  CaPtr old_ca;
  if (fs::exists(files.cert, ec) || fs::exists(files.key, ec)) {
    auto loaded = certs::CertificateAuthority::load(files, certs::KeyUse::not_needed);
    if (loaded) {
      old_ca = loaded.value();
    } else {
      moved.push_back(move_aside(paths_.proxy_dir()));
      if (!moved.back().ok())
        return base::Error{loaded.error().code, moved.back().cause, moved.back().remedy};
    }
  }
  auto result = replace_ca(old_ca);
  if (result)
    result.value().outcomes.insert(result.value().outcomes.begin(), moved.begin(), moved.end());
  return result;
}

}  // namespace postern::setup
