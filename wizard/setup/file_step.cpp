#include "wizard/setup/file_step.hpp"

#include <openssl/evp.h>

#include <cstdio>

#include "base/codes.hpp"
#include "wizard/setup/install_ledger.hpp"

namespace postern::setup {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxFile = 256 * 1024 * 1024;

base::Outcome io_failure(const std::string& target, const base::Error& error) {
  return base::failed("file", target, std::string(base::codes::file_permissions_required),
                      error.message,
                      error.remedy.empty() ? "check the permissions of " + target : error.remedy);
}

LedgerEntry entry_for(const fs::path& destination, const std::string& sha) {
  return LedgerEntry{std::string(kFileEntry),
                     "file",
                     destination.string(),
                     destination.filename().string(),
                     sha,
                     "",
                     ""};
}

// The same bytes with the wrong mode (a bridge someone chmod -x'ed) is not installed either.
bool mode_matches(const fs::path& path, base::FileMode mode) {
  std::error_code ec;
  const auto perms = fs::status(path, ec).permissions();
  if (ec) return false;
  const bool executable = (perms & fs::perms::owner_exec) != fs::perms::none;
  return executable == (mode == base::FileMode::executable);
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  std::string hex;
  char pair[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(pair, sizeof pair, "%02x", digest[i]);
    hex += pair;
  }
  return hex;
}

FileStep::FileStep(std::string what, fs::path source, fs::path destination, base::FileMode mode,
                   fs::path ledger_file)
    : what_(std::move(what)),
      source_(std::move(source)),
      destination_(std::move(destination)),
      mode_(mode),
      ledger_file_(std::move(ledger_file)) {}

std::string FileStep::title() const {
  return "install " + what_ + " at " + destination_.string();
}

base::Outcome FileStep::check() const {
  auto wanted = base::read_file(source_, kMaxFile);
  if (!wanted) return io_failure(source_.string(), wanted.error());
  auto present = base::read_file(destination_, kMaxFile);
  if (present && present.value() == wanted.value() && mode_matches(destination_, mode_))
    return base::already("file", destination_.string(), what_ + " is installed and current");
  return base::skipped("file", destination_.string(), "would install " + what_);
}

base::Outcome FileStep::apply() {
  auto ledger = InstallLedger::load(ledger_file_);
  if (!ledger)
    return base::failed("ledger", ledger_file_.string(), "LEDGER_CORRUPT", ledger.error().message,
                        ledger.error().remedy);
  auto wanted = base::read_file(source_, kMaxFile);
  if (!wanted) return io_failure(source_.string(), wanted.error());
  const std::string sha = sha256_hex(wanted.value());
  auto present = base::read_file(destination_, kMaxFile);
  const bool current =
      present && present.value() == wanted.value() && mode_matches(destination_, mode_);
  if (!current) {
    // Recorded before writing: if we die mid-way, reset still knows the path to clean up.
    ledger.value().record(entry_for(destination_, sha));
    if (auto saved = ledger.value().save(); !saved)
      return io_failure(ledger_file_.string(), saved.error());
    if (auto written = base::write_file_atomically(destination_, wanted.value(), mode_); !written)
      return io_failure(destination_.string(), written.error());
    return base::done("file", destination_.string(), "installed " + what_);
  }
  ledger.value().record(entry_for(destination_, sha));
  if (auto saved = ledger.value().save(); !saved)
    return io_failure(ledger_file_.string(), saved.error());
  return base::already("file", destination_.string(), what_ + " is installed and current");
}

base::Outcome remove_installed_file(const LedgerEntry& entry) {
  const fs::path path = entry.target;
  std::error_code ec;
  if (!fs::exists(path, ec))
    return base::already("file", entry.target, entry.label + " is not there");
  auto present = base::read_file(path, kMaxFile);
  if (!present || sha256_hex(present.value()) != entry.sha256) {
    // Someone replaced our file: deleting it could lose their work.
    return base::failed("file", entry.target, "FOREIGN_FILE",
                        entry.target + " is not the file Postern installed; left in place",
                        "remove it by hand if you no longer need it: rm " + entry.target);
  }
  fs::remove(path, ec);
  if (ec) {
    return base::failed("file", entry.target, std::string(base::codes::file_permissions_required),
                        "cannot remove " + entry.target + ": " + ec.message(),
                        "rm " + entry.target);
  }
  return base::done("file", entry.target, "removed " + entry.label);
}

base::Outcome FileStep::revert() {
  auto ledger = InstallLedger::load(ledger_file_);
  if (!ledger) {
    return base::failed("ledger", ledger_file_.string(), "LEDGER_CORRUPT", ledger.error().message,
                        ledger.error().remedy);
  }
  std::vector<LedgerEntry> ours;
  for (const auto& e : ledger.value().entries_of(kFileEntry))
    if (e.target == destination_.string()) ours.push_back(e);
  std::error_code ec;
  if (ours.empty()) {
    if (!fs::exists(destination_, ec))
      return base::already("file", destination_.string(), what_ + " is not there");
    return base::failed("file", destination_.string(), "FOREIGN_FILE",
                        destination_.string() + " was not installed by Postern; left in place",
                        "remove it by hand if you no longer need it: rm " + destination_.string());
  }
  base::Outcome outcome = remove_installed_file(ours.back());
  if (!outcome.ok()) return outcome;
  for (const auto& e : ours)
    ledger.value().forget(e);
  if (auto saved = ledger.value().save(); !saved)
    return io_failure(ledger_file_.string(), saved.error());
  return outcome;
}

}  // namespace postern::setup
