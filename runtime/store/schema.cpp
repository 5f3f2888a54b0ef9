#include "runtime/store/schema.hpp"

#include <array>
#include <string>

#include "runtime/store/errc.hpp"

namespace postern::store {

namespace {

// Version 1: sessions, exchanges and the cookie lines seen in them. Wire strings are BLOBs so
// that NUL and invalid UTF-8 survive (docs/store.md); our own vocabulary (source, state,
// direction) is TEXT with a CHECK. Small columns come first and bodies last: SQLite reads a
// row's columns in order, so the list and overview queries never touch a body's overflow pages.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  name BLOB NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('proxy', 'extension')),
  state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'stopped')),
  options TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  state_changed_at INTEGER NOT NULL,
  stopped_at INTEGER,
  running_ms INTEGER NOT NULL DEFAULT 0,
  running_since INTEGER
);
-- At most one running or paused session: a unique index over an expression that is 1 for every
-- row the partial index holds, so a second active row is a UNIQUE violation.
CREATE UNIQUE INDEX sessions_one_active ON sessions ((state IN ('running', 'paused')))
  WHERE state IN ('running', 'paused');

CREATE TABLE exchanges (
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  started_at INTEGER NOT NULL,
  ended_at INTEGER NOT NULL,
  method BLOB NOT NULL,
  scheme BLOB NOT NULL,
  host BLOB NOT NULL,
  port INTEGER NOT NULL,
  status INTEGER,
  data_mode BLOB NOT NULL,
  request_size INTEGER NOT NULL,
  response_size INTEGER NOT NULL,
  http_version BLOB NOT NULL,
  tls INTEGER NOT NULL,
  client_address BLOB NOT NULL,
  server_ip BLOB NOT NULL,
  dns_ms REAL,
  connect_ms REAL,
  tls_ms REAL,
  send_ms REAL,
  wait_ms REAL,
  receive_ms REAL,
  error BLOB NOT NULL,
  reason BLOB NOT NULL,
  url BLOB NOT NULL,
  path BLOB NOT NULL,
  query BLOB NOT NULL,
  request_body_size INTEGER NOT NULL,
  request_body_truncated INTEGER NOT NULL,
  request_body_omitted BLOB NOT NULL,
  response_body_size INTEGER NOT NULL,
  response_body_truncated INTEGER NOT NULL,
  response_body_omitted BLOB NOT NULL,
  request_headers BLOB NOT NULL,
  response_headers BLOB NOT NULL,
  request_body BLOB NOT NULL,
  response_body BLOB NOT NULL
);
CREATE INDEX exchanges_by_session ON exchanges (session_id, started_at, id);

CREATE TABLE cookies (
  id INTEGER PRIMARY KEY,
  exchange_id INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
  session_id INTEGER NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('request', 'response')),
  host BLOB NOT NULL,
  value BLOB NOT NULL,
  seen_at INTEGER NOT NULL
);
-- exchange_id is indexed so that deleting exchanges does not scan the cookie table per row.
CREATE INDEX cookies_by_exchange ON cookies (exchange_id);
CREATE INDEX cookies_by_session ON cookies (session_id, id);
)sql";

// Version 2: per-session counters kept by triggers, so the history list does not sum a whole
// session's exchanges on every refresh; existing rows are counted once here.
constexpr std::string_view kVersion2 = R"sql(
ALTER TABLE sessions ADD COLUMN exchange_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN total_bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN dropped_count INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET
  exchange_count = (SELECT count(*) FROM exchanges WHERE session_id = sessions.id),
  total_bytes = (SELECT coalesce(sum(request_size + response_size), 0) FROM exchanges
                 WHERE session_id = sessions.id);
CREATE TRIGGER exchanges_counted AFTER INSERT ON exchanges BEGIN
  UPDATE sessions SET exchange_count = exchange_count + 1,
                      total_bytes = total_bytes + NEW.request_size + NEW.response_size
  WHERE id = NEW.session_id;
END;
CREATE TRIGGER exchanges_uncounted AFTER DELETE ON exchanges BEGIN
  UPDATE sessions SET exchange_count = exchange_count - 1,
                      total_bytes = total_bytes - OLD.request_size - OLD.response_size
  WHERE id = OLD.session_id;
END;
)sql";

// Version 3: the writer adds each batch's counts in one UPDATE per session
// (ExchangeInserter::apply_counts), so the per-row insert trigger goes. Deletes stay counted by
// their trigger: they are rare and come one at a time.
constexpr std::string_view kVersion3 = R"sql(
DROP TRIGGER exchanges_counted;
)sql";

constexpr std::array kMigrations{
    Migration{1, "sessions, exchanges, cookies", kVersion1},
    Migration{2, "per-session counters", kVersion2},
    Migration{3, "counters added per batch", kVersion3},
};

base::Error schema_error(errc code, const Database& db, const std::string& what,
                         std::string remedy) {
  return base::Error{code, path_to_utf8(db.file()) + ": " + what, std::move(remedy)};
}

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

int latest_schema_version() {
  return kMigrations.back().version;
}

base::Result<int> schema_version(Database& db) {
  auto version = db.query_int("PRAGMA user_version");
  if (!version) return version.error();
  return static_cast<int>(version.value());
}

base::Result<int> check_schema(Database& db) {
  auto version = schema_version(db);
  if (!version) return version.error();
  const std::string file = path_to_utf8(db.file());
  if (version.value() > latest_schema_version())
    return schema_error(errc::newer_schema, db,
                        "schema version " + std::to_string(version.value()) +
                            " is newer than this Postern's (" +
                            std::to_string(latest_schema_version()) + "); the file is left as is",
                        "run the newer Postern, or move " + file + " aside to start a new store");
  auto application = db.query_int("PRAGMA application_id");
  if (!application) return application.error();
  // Reading sqlite_schema also parses the schema: a damaged one fails here, not later.
  auto tables = db.query_int("SELECT count(*) FROM sqlite_schema");
  if (!tables) return tables.error();
  const bool ours = application.value() == kApplicationId;
  const bool empty = version.value() == 0 && application.value() == 0 && tables.value() == 0;
  if (!ours && !empty)
    return schema_error(errc::not_a_database, db,
                        "is a SQLite database, but not a Postern capture store",
                        "move " + file + " aside (Postern never deletes it) or pick another file");
  return version.value();
}

base::Result<base::Ok> migrate(Database& db, int target) {
  auto current = check_schema(db);
  if (!current) return current.error();
  for (const auto& step : kMigrations) {
    if (step.version <= current.value() || step.version > target) continue;
    auto transaction = Transaction::begin(db);
    if (!transaction) return transaction.error();
    // Another process may have run this step while we waited for the write lock.
    auto now_at = schema_version(db);
    if (!now_at) return now_at.error();
    if (now_at.value() >= step.version) continue;
    // A PRAGMA cannot take bound parameters; both numbers are our own constants.
    std::string sql(step.sql);
    sql += "\nPRAGMA user_version = " + std::to_string(step.version) + ";";
    if (step.version == 1)
      sql += "\nPRAGMA application_id = " + std::to_string(kApplicationId) + ";";
    if (auto applied = db.exec(sql); !applied) return applied.error();
    if (auto committed = transaction.value().commit(); !committed) return committed.error();
  }
  return base::Ok{};
}

}  // namespace postern::store
