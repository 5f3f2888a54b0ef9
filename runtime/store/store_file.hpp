#pragma once
// The capture database file: where it lives (<data>/capture.db, DESIGN.md), how it is created
// (owner-only), checked (damaged, foreign or newer files are reported and never touched) and
// configured (WAL, synchronous=NORMAL, foreign keys) before anything reads or writes it.

#include <chrono>
#include <filesystem>

#include "base/app_paths.hpp"
#include "base/result.hpp"
#include "runtime/store/sqlite_handles.hpp"

namespace postern::store {

/// How long a connection waits for another's write lock before reporting errc::busy. Session
/// changes and the writer's batches take milliseconds; deleting a huge session takes longer.
inline constexpr std::chrono::milliseconds kBusyTimeout{10000};

/// `<data>/capture.db`.
std::filesystem::path capture_database_file(const base::AppPaths& paths);

/// Opens the capture database at `file`: creates it (mode 0600, folder 0700) when missing,
/// refuses a damaged, foreign or newer file without writing to it, then switches it to WAL and
/// runs the pending migrations.
base::Result<Database> open_capture_database(const std::filesystem::path& file);

/// One more connection to a capture database that open_capture_database already prepared
/// (the writer thread's). Sets the per-connection settings only.
base::Result<Database> open_capture_connection(const std::filesystem::path& file);

}  // namespace postern::store
