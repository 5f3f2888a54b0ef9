#include "wizard/setup/key_step.hpp"

#include <ctime>

#include "base/codes.hpp"
#include "runtime/bridge/bridge_key_store.hpp"
#include "runtime/bridge/envelope.hpp"
#include "wizard/setup/install_ledger.hpp"

namespace postern::setup {

namespace fs = std::filesystem;

namespace {

LedgerEntry entry_for(const fs::path& key_file) {
  return LedgerEntry{
      std::string(kKeyEntry), "bridge", key_file.string(), "the bridge key", "", "", ""};
}

base::Outcome record(const fs::path& ledger_file, const fs::path& key_file) {
  auto ledger = InstallLedger::load(ledger_file);
  if (!ledger)
    return base::failed("ledger", ledger_file.string(), "LEDGER_CORRUPT", ledger.error().message,
                        ledger.error().remedy);
  ledger.value().record(entry_for(key_file));
  if (auto saved = ledger.value().save(); !saved)
    return base::failed("ledger", ledger_file.string(), "LEDGER_CORRUPT", saved.error().message,
                        saved.error().remedy);
  return base::done("key", key_file.string(), "");
}

base::Outcome key_failure(const fs::path& key_file, const base::Error& error) {
  return base::failed(
      "key", key_file.string(), "KEY_FILE_INVALID", error.message,
      error.remedy.empty() ? "run `postern set-key <key>` to replace it" : error.remedy);
}

// A damaged key file is moved aside, not overwritten: the user may want to look at it.
std::optional<base::Outcome> move_aside_if_damaged(const fs::path& key_file) {
  bridge::BridgeKeyStore store(key_file);
  if (store.load()) return std::nullopt;
  fs::path aside = key_file.string() + ".broken-" + std::to_string(std::time(nullptr));
  std::error_code ec;
  fs::rename(key_file, aside, ec);
  if (ec)
    return key_failure(key_file,
                       {ec, "cannot move the damaged key file aside: " + ec.message(), ""});
  return std::nullopt;
}

// With a custom key: already when the file holds exactly that key, else work for apply() (which
// replaces an install key or a damaged file, as `postern set-key` does).
base::Outcome check_custom(const std::string& custom_key, const fs::path& key_file,
                           const base::Result<std::optional<bridge::BridgeKey>>& loaded) {
  if (auto problem = custom_key_problem(custom_key))
    return base::failed("key", key_file.string(), "KEY_INVALID", *problem,
                        "use 10 to 256 letters and digits (A-Z, a-z, 0-9)");
  if (loaded && loaded.value() && loaded.value()->kind == bridge::KeyKind::custom) {
    auto derived = bridge::derive_custom_key(custom_key);
    if (derived && derived.value() == loaded.value()->key)
      return base::already("key", key_file.string(), "the bridge has this custom key");
  }
  return base::skipped("key", key_file.string(), "would store the custom key");
}

}  // namespace

KeyStep::KeyStep(fs::path key_file, fs::path ledger_file, std::string custom_key)
    : key_file_(std::move(key_file)),
      ledger_file_(std::move(ledger_file)),
      custom_key_(std::move(custom_key)) {}

std::string KeyStep::title() const {
  return "give the bridge its encryption key";
}

base::Outcome KeyStep::check() const {
  bridge::BridgeKeyStore store(key_file_);
  auto loaded = store.load();
  if (!custom_key_.empty()) return check_custom(custom_key_, key_file_, loaded);
  if (!loaded) return key_failure(key_file_, loaded.error());
  if (loaded.value())
    return base::already(
        "key", key_file_.string(),
        "the bridge has a " + std::string(bridge::to_string(loaded.value()->kind)) + " key");
  return base::skipped("key", key_file_.string(), "would create a random per-install key");
}

base::Outcome KeyStep::apply() {
  auto checked = check();
  if (checked.status != base::Status::skipped) {
    if (checked.ok()) record(ledger_file_, key_file_);
    return checked;
  }
  if (!custom_key_.empty()) return set_custom_key(custom_key_, key_file_, ledger_file_);
  auto key = bridge::generate_install_key();
  if (!key) return key_failure(key_file_, key.error());
  auto recorded = record(ledger_file_, key_file_);
  if (!recorded.ok()) return recorded;
  bridge::BridgeKeyStore store(key_file_);
  if (auto saved = store.save(bridge::BridgeKey{bridge::KeyKind::install, key.value(), {}}); !saved)
    return key_failure(key_file_, saved.error());
  return base::done(
      "key", key_file_.string(),
      "created a random per-install key (0600); the extension pairs with it on first connect");
}

base::Outcome KeyStep::revert() {
  auto outcome = remove_key_file(entry_for(key_file_));
  if (!outcome.ok()) return outcome;
  auto ledger = InstallLedger::load(ledger_file_);
  if (ledger) {
    ledger.value().forget(entry_for(key_file_));
    (void)ledger.value().save();
  }
  return outcome;
}

base::Outcome set_custom_key(std::string_view text, const fs::path& key_file,
                             const fs::path& ledger_file) {
  auto derived = bridge::derive_custom_key(text);
  if (!derived)
    return base::failed("key", key_file.string(), "KEY_INVALID", derived.error().message,
                        derived.error().remedy);
  if (auto failure = move_aside_if_damaged(key_file)) return *failure;
  auto recorded = record(ledger_file, key_file);
  if (!recorded.ok()) return recorded;
  bridge::BridgeKeyStore store(key_file);
  if (auto saved = store.save(bridge::BridgeKey{bridge::KeyKind::custom, derived.value(), {}});
      !saved)
    return key_failure(key_file, saved.error());
  auto outcome =
      base::done("key", key_file.string(),
                 "stored the custom key (0600) as " + bridge::key_check(derived.value()));
  outcome.remedy = "enter the same key in the Postern extension: its lock icon, then Save";
  return outcome;
}

std::optional<std::string> custom_key_problem(std::string_view text) {
  if (text.size() < bridge::kMinCustomKeyLength)
    return "the key has " + std::to_string(text.size()) + " characters; it needs at least " +
           std::to_string(bridge::kMinCustomKeyLength);
  if (text.size() > bridge::kMaxCustomKeyLength)
    return "the key is longer than " + std::to_string(bridge::kMaxCustomKeyLength) + " characters";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    // ASCII only: std::isalnum would accept locale letters the bridge and extension refuse.
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum)
      return "character " + std::to_string(i + 1) + " is not a letter or digit (A-Z, a-z, 0-9)";
  }
  return std::nullopt;
}

base::Outcome remove_key_file(const LedgerEntry& entry) {
  std::error_code ec;
  if (!fs::exists(entry.target, ec))
    return base::already("key", entry.target, "the key file is not there");
  fs::remove(entry.target, ec);
  if (ec)
    return base::failed("key", entry.target, std::string(base::codes::file_permissions_required),
                        "cannot remove " + entry.target + ": " + ec.message(),
                        "rm " + entry.target);
  return base::done("key", entry.target, "removed the bridge key");
}

}  // namespace postern::setup
