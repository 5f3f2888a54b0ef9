#pragma once
// Folders Postern creates outside its own (a browser's NativeMessagingHosts, ~/.local/share/pki)
// are recorded so that reset can leave a home exactly as it was: removed last, and only if empty.

#include <filesystem>
#include <vector>

#include "base/outcome.hpp"
#include "wizard/setup/install_ledger.hpp"

namespace postern::setup {

/// Ledger kind of folders Postern created.
inline constexpr std::string_view kDirectoryEntry = "directory";

/// `dir` and each of its parents that does not exist yet, deepest first. Call before writing.
std::vector<std::filesystem::path> missing_directories(const std::filesystem::path& dir);

/// Records those of `candidates` that exist now (they were created by the write in between).
void record_created_directories(InstallLedger& ledger,
                                const std::vector<std::filesystem::path>& candidates);

/// Reset's undo for directory entries: removes the folder if it is empty; a folder something else
/// now uses is kept (already), never emptied.
base::Outcome remove_directory_if_empty(const LedgerEntry& entry);

}  // namespace postern::setup
