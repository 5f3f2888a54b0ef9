#include "runtime/store/sqlite_handles.hpp"

#include <sqlite3.h>

#include <utility>

#include "runtime/store/errc.hpp"

namespace postern::store {

namespace {

namespace fs = std::filesystem;

errc errc_of(int result) {
  switch (result & 0xff) {  // the primary code; extended codes keep it in the low byte
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return errc::not_a_database;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return errc::busy;
    case SQLITE_FULL:
      return errc::disk_full;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return errc::read_only;
    case SQLITE_CANTOPEN:
      return errc::cannot_open;
    default:
      return errc::sqlite_failure;
  }
}

std::string remedy_for(errc code, const std::string& file) {
  switch (code) {
    case errc::not_a_database:
      return "move " + file +
             " aside (Postern never deletes it); the next start creates an empty store";
    case errc::busy:
      return "another process holds " + file + "; stop the other postern-runtime and retry";
    case errc::disk_full:
      return "free disk space on the drive holding " + file;
    case errc::read_only:
    case errc::cannot_open:
      return "check that " + file + " and its folder exist and are writable by this user";
    default:
      return "";
  }
}

// The file a statement's connection has open, for messages ("" for an in-memory database).
fs::path file_of(sqlite3* db) {
  const char* name = db ? sqlite3_db_filename(db, "main") : nullptr;
  return name ? fs::path(std::u8string(reinterpret_cast<const char8_t*>(name))) : fs::path();
}

}  // namespace

std::string path_to_utf8(const fs::path& path) {
  const auto text = path.u8string();
  return std::string(text.begin(), text.end());
}

base::Error sqlite_error(sqlite3* db, int result, const fs::path& file, std::string_view what) {
  const errc code = errc_of(result);
  // sqlite3_errmsg describes the most recent failure on `db`, which is `result`'s; without a
  // handle (open ran out of memory) the generic text for the code is all there is.
  std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(result);
  const std::string name = path_to_utf8(file);
  return base::Error{code, name + ": " + std::string(what) + ": " + detail, remedy_for(code, name)};
}

// --- Statement -------------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    statement_ = std::exchange(other.statement_, nullptr);
  }
  return *this;
}

Statement::~Statement() {
  sqlite3_finalize(statement_);
}

Statement& Statement::bind_int(int index, std::int64_t value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

Statement& Statement::bind_double(int index, double value) {
  sqlite3_bind_double(statement_, index, value);
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view value) {
  sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view value) {
  // sqlite3_bind_blob with a null pointer binds NULL; an empty value must stay an empty BLOB.
  if (value.empty())
    sqlite3_bind_zeroblob(statement_, index, 0);
  else
    sqlite3_bind_blob64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_blob_in_place(int index, std::string_view value) {
  if (value.empty())
    sqlite3_bind_zeroblob(statement_, index, 0);
  else
    sqlite3_bind_blob64(statement_, index, value.data(), value.size(), SQLITE_STATIC);
  return *this;
}

Statement& Statement::bind_zeroblob(int index, std::uint64_t size) {
  sqlite3_bind_zeroblob64(statement_, index, size);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(statement_, index);
  return *this;
}

Statement& Statement::bind_int(int index, std::optional<std::int64_t> value) {
  return value ? bind_int(index, *value) : bind_null(index);
}

Statement& Statement::bind_double(int index, std::optional<double> value) {
  return value ? bind_double(index, *value) : bind_null(index);
}

base::Result<bool> Statement::step() {
  const int result = sqlite3_step(statement_);
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  sqlite3* db = sqlite3_db_handle(statement_);
  auto error = sqlite_error(db, result, file_of(db), "running a statement");
  sqlite3_reset(statement_);
  return error;
}

base::Result<base::Ok> Statement::run() {
  for (;;) {
    auto more = step();
    if (!more) {
      reset();
      return more.error();
    }
    if (!more.value()) break;
  }
  reset();
  return base::Ok{};
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::int64_t Statement::int_at(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double Statement::double_at(int column) const {
  return sqlite3_column_double(statement_, column);
}

std::string Statement::bytes_at(int column) const {
  // Ask for the blob first, then its size (the order SQLite documents as safe).
  const void* data = sqlite3_column_blob(statement_, column);
  const int size = sqlite3_column_bytes(statement_, column);
  if (!data || size <= 0) return {};
  return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::optional<std::int64_t> Statement::optional_int_at(int column) const {
  if (is_null(column)) return std::nullopt;
  return int_at(column);
}

std::optional<double> Statement::optional_double_at(int column) const {
  if (is_null(column)) return std::nullopt;
  return double_at(column);
}

// --- Database --------------------------------------------------------------------------------

base::Result<Database> Database::open(const fs::path& file, OpenMode mode) {
  // NOMUTEX: each connection is used by one thread at a time (the store's mutex or the writer
  // thread), so SQLite's per-connection mutex would only cost time.
  const int flags = (mode == OpenMode::read_only ? SQLITE_OPEN_READONLY
                                                 : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                    SQLITE_OPEN_NOMUTEX;
  sqlite3* db = nullptr;
  const int result = sqlite3_open_v2(path_to_utf8(file).c_str(), &db, flags, nullptr);
  if (result != SQLITE_OK) {
    auto error = sqlite_error(db, result, file, "opening");
    sqlite3_close(db);  // sqlite3_open_v2 hands out a handle even when it fails
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  return Database(db, file);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), file_(std::move(other.file_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
    file_ = std::move(other.file_);
  }
  return *this;
}

Database::~Database() {
  // Every Statement is finalized by its owner first; sqlite3_close refuses (and leaks)
  // otherwise, which the tests would see under ASan.
  sqlite3_close(db_);
}

base::Result<base::Ok> Database::exec(std::string_view sql) {
  const std::string text(sql);
  const int result = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (result != SQLITE_OK) return sqlite_error(db_, result, file_, "running SQL");
  return base::Ok{};
}

base::Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  const int result =
      sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), 0, &statement, nullptr);
  if (result != SQLITE_OK) {
    sqlite3_finalize(statement);
    return sqlite_error(db_, result, file_, "preparing a statement");
  }
  return Statement(statement);
}

base::Result<base::Ok> Database::write_blob(
    const char* table, const char* column, std::int64_t row,
    const std::function<base::Result<std::string_view>(std::uint64_t offset)>& next) {
  sqlite3_blob* blob = nullptr;
  int result = sqlite3_blob_open(db_, "main", table, column, row, /*writable=*/1, &blob);
  if (result != SQLITE_OK) {
    sqlite3_blob_close(blob);
    return sqlite_error(db_, result, file_, "opening a BLOB to write");
  }
  const std::uint64_t size = static_cast<std::uint64_t>(sqlite3_blob_bytes(blob));
  std::uint64_t offset = 0;
  while (offset < size) {
    auto piece = next(offset);
    if (!piece) {
      sqlite3_blob_close(blob);
      return piece.error();
    }
    const std::string_view bytes = piece.value().substr(
        0, static_cast<std::size_t>(std::min<std::uint64_t>(piece.value().size(), size - offset)));
    if (bytes.empty()) break;  // the source ended early: the rest stays zero
    result = sqlite3_blob_write(blob, bytes.data(), static_cast<int>(bytes.size()),
                                static_cast<int>(offset));
    if (result != SQLITE_OK) {
      sqlite3_blob_close(blob);
      return sqlite_error(db_, result, file_, "writing a BLOB");
    }
    offset += bytes.size();
  }
  result = sqlite3_blob_close(blob);
  if (result != SQLITE_OK) return sqlite_error(db_, result, file_, "closing a BLOB");
  return base::Ok{};
}

base::Result<std::int64_t> Database::query_int(std::string_view sql) {
  auto statement = prepare(sql);
  if (!statement) return statement.error();
  auto row = statement.value().step();
  if (!row) return row.error();
  return row.value() ? statement.value().int_at(0) : 0;
}

std::int64_t Database::last_insert_id() const {
  return sqlite3_last_insert_rowid(db_);
}

int Database::changes() const {
  return sqlite3_changes(db_);
}

// --- Transaction -----------------------------------------------------------------------------

base::Result<Transaction> Transaction::begin(Database& db) {
  if (auto begun = db.exec("BEGIN IMMEDIATE"); !begun) return begun.error();
  return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction::~Transaction() {
  if (db_) (void)db_->exec("ROLLBACK");
}

base::Result<base::Ok> Transaction::commit() {
  auto done = db_->exec("COMMIT");
  if (done) db_ = nullptr;
  return done;
}

}  // namespace postern::store
