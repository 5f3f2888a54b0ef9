#pragma once
// The capture database's schema as an ordered list of migrations. PRAGMA user_version holds the
// version a file is at (0: a new, empty file). Opening runs the steps the file has not had, each
// in its own transaction together with its version bump, so a file is always at exactly one
// version. A file at a version newer than this build knows is refused and left untouched.

#include <span>
#include <string_view>

#include "base/result.hpp"
#include "runtime/store/sqlite_handles.hpp"

namespace postern::store {

/// One step from version - 1 to version.
struct Migration {
  int version;               ///< the version this step brings a file to
  std::string_view summary;  ///< what it changes, for logs
  std::string_view sql;      ///< the DDL (and any data fix-up), no parameters
};

/// Every migration, in order (versions 1, 2, ...).
std::span<const Migration> migrations();

/// The version this build writes: the last migration's.
int latest_schema_version();

/// PRAGMA application_id of a capture database ("PSTN"), set by the first migration.
inline constexpr int kApplicationId = 0x5053544e;

/// The version `db` is at (PRAGMA user_version).
base::Result<int> schema_version(Database& db);

/// Checks that `db` is a file this build may use: a new empty file, or one of ours at a version
/// not above latest_schema_version(). Reads only; never writes.
base::Result<int> check_schema(Database& db);

/// Brings `db` from its version up to `target` (default: the latest). Refuses a newer file.
base::Result<base::Ok> migrate(Database& db, int target = latest_schema_version());

}  // namespace postern::store
