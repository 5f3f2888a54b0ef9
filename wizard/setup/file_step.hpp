#pragma once
// Setup step that installs one file of ours (the bridge binary) at a fixed place, atomically and
// with its mode, records it in the ledger with its SHA-256, and on revert removes it only if it is
// still the file we wrote (a file someone replaced is reported, not deleted).

#include <filesystem>
#include <string>

#include "base/files.hpp"
#include "wizard/setup/install_ledger.hpp"
#include "wizard/setup/step.hpp"

namespace postern::setup {

/// Copies `source` to `destination` with `mode`.
class FileStep final : public Step {
 public:
  FileStep(std::string what, std::filesystem::path source, std::filesystem::path destination,
           base::FileMode mode, std::filesystem::path ledger_file);

  std::string title() const override;
  base::Outcome check() const override;
  base::Outcome apply() override;
  base::Outcome revert() override;

 private:
  std::string what_;
  std::filesystem::path source_;
  std::filesystem::path destination_;
  base::FileMode mode_;
  std::filesystem::path ledger_file_;
};

/// Ledger kind of files FileStep installs.
inline constexpr std::string_view kFileEntry = "file";

/// Removes the file a "file" ledger entry names if it still has the recorded SHA-256; a changed
/// file is FOREIGN_FILE and stays; a missing one is already. Reset uses it too.
base::Outcome remove_installed_file(const LedgerEntry& entry);

/// SHA-256 of `bytes`, lower-case hex.
std::string sha256_hex(std::string_view bytes);

}  // namespace postern::setup
