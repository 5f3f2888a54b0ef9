#include "runtime/store/store_file.hpp"

#include <string>

#include "base/files.hpp"
#include "runtime/store/errc.hpp"
#include "runtime/store/exchange_views.hpp"
#include "runtime/store/schema.hpp"

namespace postern::store {

namespace {

namespace fs = std::filesystem;

// Durability (docs/store.md): in WAL mode a commit appends the transaction's pages to the -wal
// file with write(); with synchronous=NORMAL SQLite skips the fsync at each commit and syncs
// only at checkpoints. Once write() returns, the bytes are in the kernel's page cache, which
// outlives the process: a crash or SIGKILL of postern-runtime loses no committed transaction,
// and the next open replays the WAL. Only an OS crash or power loss can drop the transactions
// since the last checkpoint, and even then the file stays consistent (WAL frames carry
// checksums). That is the trade the capture store wants: a commit costs well under a
// millisecond, not an fsync. journal_size_limit caps the -wal file left after a checkpoint.
constexpr std::string_view kConnectionSettings = R"sql(
PRAGMA foreign_keys = ON;
PRAGMA synchronous = NORMAL;
PRAGMA journal_size_limit = 67108864;
)sql";

base::Result<base::Ok> configure(Database& db) {
  auto statement = db.prepare("PRAGMA busy_timeout = " + std::to_string(kBusyTimeout.count()));
  if (!statement) return statement.error();
  if (auto ran = statement.value().step(); !ran) return ran.error();
  register_search_function(db);
  return db.exec(kConnectionSettings);
}

// Pages of 16 KiB for a new file: a captured exchange (headers and a body of a few KiB) fills
// fewer pages, so a commit writes fewer WAL frames and the checkpoint copies fewer. Measured
// with bench/proxy_bench.sh at c=16: 7-20% less runtime CPU per exchange than 4 KiB; 64 KiB was
// worse again (each small commit rewrites whole large pages). SQLite applies it only to a file
// that has no pages yet, so an existing store keeps the page size it was made with.
constexpr std::string_view kNewFilePageSize = "PRAGMA page_size = 16384";

base::Result<base::Ok> use_wal(Database& db) {
  auto statement = db.prepare("PRAGMA journal_mode = WAL");
  if (!statement) return statement.error();
  auto row = statement.value().step();
  if (!row) return row.error();
  const auto mode = row.value() ? statement.value().bytes_at(0) : std::string();
  if (mode != "wal")
    return base::Error{errc::sqlite_failure,
                       path_to_utf8(db.file()) + ": cannot use WAL mode (got \"" + mode + "\")",
                       "keep the data folder on a local disk; WAL needs shared memory"};
  return base::Ok{};
}

// Checks an existing file through a read-only connection, so that a damaged, foreign or newer
// file is reported before anything (the WAL switch, a migration) could write to it.
base::Result<base::Ok> probe_existing(const fs::path& file) {
  auto db = Database::open(file, OpenMode::read_only);
  if (!db) return db.error();
  auto checked = check_schema(db.value());
  if (!checked) return checked.error();
  return base::Ok{};
}

}  // namespace

fs::path capture_database_file(const base::AppPaths& paths) {
  return paths.data / "capture.db";
}

base::Result<Database> open_capture_database(const fs::path& file) {
  std::error_code ec;
  const bool exists = fs::exists(file, ec);
  if (ec)
    return base::Error{errc::cannot_open, path_to_utf8(file) + ": " + ec.message(),
                       "check the permissions of its folder"};
  if (!exists) {
    // Created empty with mode 0600 (and its folder 0700 when missing); SQLite gives the -wal
    // and -shm files the database file's mode, so they are owner-only too.
    if (auto made = base::write_file_atomically(file, "", base::FileMode::owner_only); !made)
      return base::Error{errc::cannot_open, made.error().message, made.error().remedy};
  } else if (fs::file_size(file, ec) > 0 && !ec) {
    if (auto probed = probe_existing(file); !probed) return probed.error();
  }
  auto db = Database::open(file, OpenMode::read_write);
  if (!db) return db.error();
  if (auto configured = configure(db.value()); !configured) return configured.error();
  if (auto paged = db.value().exec(kNewFilePageSize); !paged) return paged.error();
  if (auto wal = use_wal(db.value()); !wal) return wal.error();
  if (auto migrated = migrate(db.value()); !migrated) return migrated.error();
  // An older file may have been created wider (by hand, or another tool); it holds captured
  // traffic, cookies and tokens, so it is narrowed to the owner once we know it is ours.
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace,
                  ec);
  return db;
}

base::Result<Database> open_capture_connection(const fs::path& file) {
  auto db = Database::open(file, OpenMode::read_write);
  if (!db) return db.error();
  if (auto configured = configure(db.value()); !configured) return configured.error();
  return db;
}

}  // namespace postern::store
