#pragma once
// `postern reset`: removes exactly what the install ledger lists, item by item, then Postern's own
// folders. Each ledger kind has an undo function in a table (manifests and registry values first,
// so browsers stop starting the bridge; then files, keys, and the CA from every store). Anything
// that cannot be removed stays in the ledger, with the manual command in its outcome.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/app_paths.hpp"
#include "base/outcome.hpp"
#include "base/progress.hpp"
#include "wizard/setup/ca_trust.hpp"
#include "wizard/setup/install_ledger.hpp"

namespace postern::setup {

/// How reset runs.
struct ResetOptions {
  bool dry_run = false;  ///< list what would be removed; change nothing
  bool keep_ca = false;  ///< keep the CA trusted and its files (only the rest goes)
};

/// Undoes one ledger entry; already when it is gone, failed (with the manual step) when it cannot.
using UndoEntry = std::function<base::Outcome(const LedgerEntry&)>;

/// Runs a reset over one user's ledger.
class Reset {
 public:
  /// `ca_trust` must outlive this object; it removes the trust-store entries.
  Reset(CaTrust& ca_trust, base::ProgressObserver& progress = base::null_progress());

  /// Registers the undo for ledger entries of `kind`. Registered kinds are undone in registration
  /// order, before Postern's files (built in) and before the CA leaves the trust stores.
  void add_undo(std::string kind, UndoEntry undo);

  /// Removes everything; one outcome per entry, plus one per folder of ours.
  std::vector<base::Outcome> run(const ResetOptions& options);

 private:
  std::vector<base::Outcome> undo_kind(InstallLedger& ledger, const std::string& kind,
                                       const UndoEntry& undo, bool dry_run);
  std::vector<base::Outcome> remove_own_folders(const ResetOptions& options);

  CaTrust& ca_trust_;
  base::ProgressObserver& progress_;
  std::vector<std::pair<std::string, UndoEntry>> undo_;
};

}  // namespace postern::setup
