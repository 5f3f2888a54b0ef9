#pragma once
// The CA's life cycle across trust stores: create on first use, install into the chosen stores,
// report status, uninstall exactly what the ledger lists, and regenerate (old CA removed from
// every store first, new CA installed where the old one was). Shared by the CLI and the wizard.

#include <memory>
#include <string>
#include <vector>

#include "base/app_paths.hpp"
#include "base/outcome.hpp"
#include "base/progress.hpp"
#include "base/result.hpp"
#include "certs/certificate_authority.hpp"
#include "platform/trust/trust_store.hpp"
#include "wizard/setup/install_ledger.hpp"

namespace postern::setup {

using CaPtr = std::shared_ptr<const certs::CertificateAuthority>;
using StoreList = std::vector<std::unique_ptr<platform::trust::TrustStore>>;

/// What `postern ca status` shows for one store.
struct StoreStatus {
  std::string name;                   ///< the store's name
  platform::trust::Probe probe;       ///< presence, tool, targets, problems
  std::vector<base::Outcome> checks;  ///< one check() per target
};

/// The CA and what it took to get it.
struct EnsuredCa {
  CaPtr ca;                             ///< loaded or created
  bool created = false;                 ///< true when this call made a new CA
  std::vector<base::Outcome> outcomes;  ///< old-CA removals and reinstalls done on the way
};

/// Drives trust stores and the ledger. Holds no global state; each call reloads the ledger and
/// saves it after every write, so a killed process loses nothing it had done.
class CaTrust {
 public:
  CaTrust(base::AppPaths paths, StoreList stores, certs::CaOwner owner,
          base::ProgressObserver& progress = base::null_progress());

  /// The CA, loaded, or created when neither file exists. When creating while the ledger still
  /// lists an older CA (its proxy folder was deleted), that CA is first removed from those stores
  /// and the new one installed in the same places. Corrupt or half-present files are an error,
  /// never overwritten.
  base::Result<EnsuredCa> ensure_ca(certs::KeyUse key_use);

  /// Installs `ca` into the named stores (empty: every store present on this machine).
  std::vector<base::Outcome> install(const CaPtr& ca, const std::vector<std::string>& stores);

  /// Removes every CA the ledger lists in the named stores (empty: all), and `current` too
  /// where it is found without a ledger entry.
  std::vector<base::Outcome> uninstall(const CaPtr& current,
                                       const std::vector<std::string>& stores);

  /// Per named store (empty: all): probe and check of `ca` at every target.
  std::vector<StoreStatus> status(const CaPtr& ca,
                                  const std::vector<std::string>& stores = {}) const;

  /// Every store's probe (presence, tool, targets, problems) without needing a CA: what the
  /// wizard's Detect page lists before anything is installed. `checks` stays empty.
  std::vector<StoreStatus> probe_stores() const;

  /// The live probe: a leaf minted by `ca` served over real TLS on 127.0.0.1 and verified by an
  /// OpenSSL client with this machine's default trust anchors (what curl, git and most tools use).
  /// `ca` must have its key.
  base::Outcome probe_live(const CaPtr& ca) const;

  /// Makes a new CA: removes the old one from every store in the ledger, moves unusable CA files
  /// aside (proxy.broken-<time>), creates the new CA, and installs it where the old one was.
  base::Result<EnsuredCa> regenerate();

  /// Checks store names against the known ones; an unknown name is an error listing the valid.
  base::Result<std::vector<std::string>> validate_store_names(
      const std::vector<std::string>& names) const;

  const base::AppPaths& paths() const { return paths_; }

 private:
  platform::trust::TrustStore* find(std::string_view name) const;
  std::vector<base::Outcome> install_at(const CaPtr& ca, platform::trust::TrustStore& store,
                                        const std::vector<std::string>& targets,
                                        InstallLedger& ledger);
  std::vector<base::Outcome> remove_ledger_entries(InstallLedger& ledger,
                                                   const std::vector<std::string>& stores);
  base::Result<EnsuredCa> replace_ca(const CaPtr& old_ca);

  base::AppPaths paths_;
  StoreList stores_;
  certs::CaOwner owner_;
  base::ProgressObserver& progress_;
};

}  // namespace postern::setup
