#pragma once
// A thin RAII layer over the SQLite C API: a connection (Database), a prepared statement
// (Statement) and a write transaction (Transaction). Every failure becomes a base::Error whose
// message names the database file and carries SQLite's own text. All values reach SQL through
// bound parameters; nothing here builds SQL from data.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace postern::store {

/// How Database::open treats the file.
enum class OpenMode {
  read_only,   ///< never writes; fails when the file does not exist
  read_write,  ///< creates the file when it does not exist
};

/// One prepared statement. Move-only; finalized on destruction. Indexes are 1-based for
/// parameters (as in SQL's ?1) and 0-based for result columns (as in sqlite3_column_*).
/// The bind_* calls chain and do not report: their only failures are a wrong index (a bug the
/// tests catch) and a value over SQLite's 1 GB limit (bodies are capped far below), and either
/// leaves the parameter NULL, which the NOT NULL columns turn into an error at step().
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  /// Binds an integer.
  Statement& bind_int(int index, std::int64_t value);
  /// Binds a floating-point number.
  Statement& bind_double(int index, double value);
  /// Binds UTF-8 text we produced ourselves (enum names, JSON we validated).
  Statement& bind_text(int index, std::string_view value);
  /// Binds bytes as a BLOB, byte for byte (NUL and invalid UTF-8 kept); empty is not NULL.
  Statement& bind_blob(int index, std::string_view value);
  /// Like bind_blob, but SQLite reads `value` in place instead of copying it: the bytes must
  /// stay valid and unchanged until the statement is reset (the writer's hot path: a copy of
  /// every column of every exchange was a tenth of its work).
  Statement& bind_blob_in_place(int index, std::string_view value);
  /// Binds a BLOB of `size` zero bytes, to be filled in place with Database::write_blob.
  Statement& bind_zeroblob(int index, std::uint64_t size);
  /// Binds SQL NULL.
  Statement& bind_null(int index);
  /// Binds the integer, or NULL when empty.
  Statement& bind_int(int index, std::optional<std::int64_t> value);
  /// Binds the number, or NULL when empty.
  Statement& bind_double(int index, std::optional<double> value);

  /// Runs one step: true when a result row is ready, false when the statement is done.
  base::Result<bool> step();
  /// Steps to the end (for statements without results), then resets for the next use.
  base::Result<base::Ok> run();
  /// Makes the statement ready to run again and clears its bindings.
  void reset();

  /// Column `column` of the current row as an integer (0 for NULL).
  std::int64_t int_at(int column) const;
  /// Column `column` as a number (0.0 for NULL).
  double double_at(int column) const;
  /// Column `column` as bytes, TEXT or BLOB alike, byte for byte ("" for NULL).
  std::string bytes_at(int column) const;
  /// Whether column `column` is NULL.
  bool is_null(int column) const;
  /// Column `column` as an integer, or empty for NULL.
  std::optional<std::int64_t> optional_int_at(int column) const;
  /// Column `column` as a number, or empty for NULL.
  std::optional<double> optional_double_at(int column) const;

 private:
  friend class Database;
  explicit Statement(sqlite3_stmt* statement) : statement_(statement) {}
  sqlite3_stmt* statement_ = nullptr;
};

/// One SQLite connection. Move-only; closed on destruction. Use it from one thread at a time.
class Database {
 public:
  /// Opens `file` with extended result codes on. The file is not read until the first query,
  /// so a damaged file is only reported by the first statement that touches it.
  static base::Result<Database> open(const std::filesystem::path& file, OpenMode mode);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  /// Runs SQL without parameters (DDL, PRAGMAs, several statements separated by ';').
  base::Result<base::Ok> exec(std::string_view sql);
  /// Compiles one statement.
  base::Result<Statement> prepare(std::string_view sql);
  /// Runs a query that yields one integer (PRAGMA user_version, SELECT count(*) ...).
  base::Result<std::int64_t> query_int(std::string_view sql);
  /// The rowid of the last successful INSERT on this connection.
  std::int64_t last_insert_id() const;
  /// Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  int changes() const;
  /// Fills the BLOB in `column` of `table`'s row `row` (made with bind_zeroblob) piece by
  /// piece: `next(offset)` gives the bytes at `offset`, until the BLOB is full. A large value
  /// then never has to be in memory whole. An error from `next` is returned as it is.
  base::Result<base::Ok> write_blob(
      const char* table, const char* column, std::int64_t row,
      const std::function<base::Result<std::string_view>(std::uint64_t offset)>& next);

  /// The file this connection was opened on.
  const std::filesystem::path& file() const { return file_; }
  /// The raw handle, for registering SQL functions.
  sqlite3* handle() const { return db_; }

 private:
  Database(sqlite3* db, std::filesystem::path file) : db_(db), file_(std::move(file)) {}
  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
};

/// A write transaction (BEGIN IMMEDIATE: takes the write lock at once, so a busy database is
/// reported here rather than half-way through). Rolled back on destruction unless committed.
class Transaction {
 public:
  /// Begins a transaction on `db`, which must outlive it.
  static base::Result<Transaction> begin(Database& db);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  /// Commits; after a failure the transaction is rolled back by the destructor.
  base::Result<base::Ok> commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_ = nullptr;
};

/// The error for SQLite result code `result` on `db` (may be null), naming `file`: the code is
/// mapped to a store::errc and the message is "<file>: <what>: <SQLite's text>".
base::Error sqlite_error(sqlite3* db, int result, const std::filesystem::path& file,
                         std::string_view what);

/// `path` as UTF-8, the encoding SQLite's file names and our messages use.
std::string path_to_utf8(const std::filesystem::path& path);

}  // namespace postern::store
