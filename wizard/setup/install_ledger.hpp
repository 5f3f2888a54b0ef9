#pragma once
// The install ledger (<config>/install-ledger.json): every file, registry value and trust-store
// entry Postern wrote, with enough to undo it. Reset, uninstall and CA regeneration read it.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "base/result.hpp"

namespace postern::setup {

/// One thing Postern put somewhere outside its own folders.
struct LedgerEntry {
  std::string kind;    ///< "trust-store" (later issues add "file", "manifest", "registry")
  std::string store;   ///< which store or registrar ("system", "nss", ...)
  std::string target;  ///< the database, folder, key or file written
  std::string label;   ///< the unique name the entry carries there
  std::string sha256;  ///< fingerprint of the certificate, for trust-store entries
  std::string pem;     ///< the certificate itself, so removal works after the CA files are gone
  std::string recorded_at;  ///< UTC, ISO 8601
  /// Kind-specific facts needed to undo the write (a manifest's scope, family and host path).
  std::map<std::string, std::string> details = {};

  /// Two entries describe the same write when kind, store, target and fingerprint/label match.
  bool same_write(const LedgerEntry& other) const;
};

/// Entries of kind "trust-store".
inline constexpr std::string_view kTrustStoreEntry = "trust-store";

/// ledger_errc: why a ledger could not be read or written.
enum class ledger_errc { corrupt = 1, newer_version, write_failed };
std::error_code make_error_code(ledger_errc e);

/// The ledger in memory. load() → change → save(); the file is replaced atomically, mode 0600.
class InstallLedger {
 public:
  /// Format version written by this build; a newer file is refused, never overwritten.
  static constexpr int kVersion = 1;

  /// Reads `file`; a missing file is an empty ledger. A corrupt file is an error naming it and
  /// how to recover, and it is never overwritten.
  static base::Result<InstallLedger> load(const std::filesystem::path& file);
  /// Parses ledger JSON; `source` names it in errors. Exposed for the fuzz target.
  static base::Result<InstallLedger> parse(std::string_view json,
                                           const std::filesystem::path& source);

  /// Writes the ledger back to the file it was loaded from.
  base::Result<base::Ok> save() const;
  /// The JSON text save() writes.
  std::string serialise() const;

  /// Adds `entry`, replacing an entry for the same write.
  void record(LedgerEntry entry);
  /// Removes the entry for the same write; returns whether one was there.
  bool forget(const LedgerEntry& entry);

  const std::vector<LedgerEntry>& entries() const { return entries_; }
  /// Entries of one kind, optionally of one store.
  std::vector<LedgerEntry> entries_of(std::string_view kind, std::string_view store = {}) const;
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  std::vector<LedgerEntry> entries_;
};

/// Now, as the ledger writes times: "2026-11-22T08:15:00Z".
std::string utc_timestamp();

}  // namespace postern::setup

template <>
struct std::is_error_code_enum<postern::setup::ledger_errc> : std::true_type {};
