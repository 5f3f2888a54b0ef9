#include "wizard/setup/created_dirs.hpp"

namespace postern::setup {

namespace fs = std::filesystem;

std::vector<fs::path> missing_directories(const fs::path& dir) {
  std::vector<fs::path> missing;
  std::error_code ec;
  for (fs::path at = dir; !at.empty() && at != at.root_path() && !fs::exists(at, ec);
       at = at.parent_path())
    missing.push_back(at);
  return missing;
}

void record_created_directories(InstallLedger& ledger, const std::vector<fs::path>& candidates) {
  std::error_code ec;
  for (const auto& dir : candidates) {
    if (!fs::is_directory(dir, ec)) continue;
    ledger.record(LedgerEntry{std::string(kDirectoryEntry), "postern", dir.string(),
                              "a folder Postern created", "", "", ""});
  }
}

base::Outcome remove_directory_if_empty(const LedgerEntry& entry) {
  std::error_code ec;
  if (!fs::exists(entry.target, ec)) return base::already("folder", entry.target, "not there");
  if (!fs::is_empty(entry.target, ec))
    return base::already("folder", entry.target, "kept: something else uses it now");
  fs::remove(entry.target, ec);
  if (ec) {
    return base::failed("folder", entry.target, "FILE_PERMISSIONS_REQUIRED",
                        "cannot remove " + entry.target + ": " + ec.message(),
                        "rmdir " + entry.target);
  }
  return base::done("folder", entry.target, "removed the folder setup created");
}

}  // namespace postern::setup
