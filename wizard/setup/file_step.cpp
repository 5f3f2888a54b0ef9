#include "wizard/setup/file_step.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <optional>

#include "base/codes.hpp"
#include "wizard/setup/install_ledger.hpp"

namespace postern::setup {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFileEntry = "file";
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
  if (present && present.value() == wanted.value())
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
  const bool current = present && present.value() == wanted.value();
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

base::Outcome FileStep::revert() {
  auto ledger = InstallLedger::load(ledger_file_);
  if (!ledger)
    return base::failed("ledger", ledger_file_.string(), "LEDGER_CORRUPT", ledger.error().message,
                        ledger.error().remedy);
  const auto recorded = ledger.value().entries_of(kFileEntry);
  auto forget_and_save = [&]() -> std::optional<base::Outcome> {
    for (const auto& e : recorded)
      if (e.target == destination_.string()) ledger.value().forget(e);
    if (auto saved = ledger.value().save(); !saved)
      return io_failure(ledger_file_.string(), saved.error());
    return std::nullopt;
  };
  std::error_code ec;
  if (!fs::exists(destination_, ec)) {
    if (auto failure = forget_and_save()) return *failure;
    return base::already("file", destination_.string(), what_ + " is not there");
  }
  auto present = base::read_file(destination_, kMaxFile);
  const std::string sha = present ? sha256_hex(present.value()) : "";
  const bool ours = std::any_of(recorded.begin(), recorded.end(), [&](const LedgerEntry& e) {
    return e.target == destination_.string() && e.sha256 == sha;
  });
  if (!ours) {
    // Someone replaced our file (or it was never ours): deleting it could lose their work.
    return base::failed("file", destination_.string(), "FOREIGN_FILE",
                        destination_.string() + " is not the file Postern installed; left in place",
                        "remove it by hand if you no longer need it: rm " + destination_.string());
  }
  fs::remove(destination_, ec);
  if (ec) {
    return base::failed("file", destination_.string(),
                        std::string(base::codes::file_permissions_required),
                        "cannot remove " + destination_.string() + ": " + ec.message(),
                        "rm " + destination_.string());
  }
  if (auto failure = forget_and_save()) return *failure;
  return base::done("file", destination_.string(), "removed " + what_);
}

}  // namespace postern::setup
