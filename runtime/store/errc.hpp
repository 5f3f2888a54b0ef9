#pragma once
// store::errc: every way the capture store (runtime/store) can fail. Each value says when it
// happens; the message of a base::Error carrying one always names the database file.

#include <system_error>

namespace postern::store {

/// Why a store operation failed.
enum class errc {
  cannot_open = 1,   ///< the database file or its folder cannot be created or opened
  not_a_database,    ///< the file is not SQLite, or its pages are damaged; never deleted
  newer_schema,      ///< the file was written by a newer Postern; left untouched
  busy,              ///< another connection held the write lock past the busy timeout
  disk_full,         ///< the disk (or quota) is full
  read_only,         ///< the file or its folder is not writable
  sqlite_failure,    ///< any other SQLite failure (I/O error, out of memory, misuse)
  not_found,         ///< no session or exchange with that id
  session_active,    ///< a session is already running or paused (one at a time)
  invalid_state,     ///< the state change is not allowed (for example resuming a stopped session)
  invalid_argument,  ///< a bad value from the caller (empty name, options that are not JSON)
  writer_stopped,    ///< the capture writer has stopped; nothing more is accepted
};

/// The error category for store::errc ("postern.store").
const std::error_category& store_category();
/// Lets `std::error_code code = errc::...` work (found by argument-dependent lookup).
std::error_code make_error_code(errc e);

}  // namespace postern::store

template <>
struct std::is_error_code_enum<postern::store::errc> : std::true_type {};
