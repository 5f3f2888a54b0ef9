#pragma once
// Setup step that makes sure the bridge has its key: a random per-install key written 0600, or
// the custom key `postern set-key` stored. Reset removes the key file it recorded.

#include <filesystem>
#include <optional>
#include <string>

#include "wizard/setup/reset.hpp"
#include "wizard/setup/step.hpp"

namespace postern::setup {

/// Ledger kind of the bridge's key file.
inline constexpr std::string_view kKeyEntry = "key";

/// Ensures `<config>/bridge/key.json` holds a key; never replaces one (a custom key stays).
/// Given a custom key (the wizard's Choose page), it stores that one instead, replacing any other.
class KeyStep final : public Step {
 public:
  KeyStep(std::filesystem::path key_file, std::filesystem::path ledger_file,
          std::string custom_key = {});

  std::string title() const override;
  base::Outcome check() const override;
  base::Outcome apply() override;
  base::Outcome revert() override;

 private:
  std::filesystem::path key_file_;
  std::filesystem::path ledger_file_;
  std::string custom_key_;  ///< empty: a random per-install key
};

/// Why `text` cannot be a custom key (the bridge's rule: 10 to 256 ASCII letters and digits), or
/// nullopt when it can. Cheap, unlike deriving the key (PBKDF2), so a form can check every edit.
std::optional<std::string> custom_key_problem(std::string_view text);

/// Stores a custom key typed by the user (validated: 10+ ASCII letters and digits), replacing
/// any key; a damaged key file is moved aside first. Records the key file in the ledger.
base::Outcome set_custom_key(std::string_view text, const std::filesystem::path& key_file,
                             const std::filesystem::path& ledger_file);

/// Reset's undo for key entries: deletes the key file.
base::Outcome remove_key_file(const LedgerEntry& entry);

}  // namespace postern::setup
