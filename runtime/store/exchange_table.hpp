#pragma once
// Exchanges in the capture database: the writer's insert (with the exchange's Cookie and
// Set-Cookie lines, kept for the cookie jar of runtime/cookies), reading one back, deleting one.

#include <cstdint>
#include <map>

#include "base/result.hpp"
#include "runtime/store/records.hpp"
#include "runtime/store/sqlite_handles.hpp"

namespace postern::store {

/// The writer's prepared statements, compiled once and reused for every batch.
class ExchangeInserter {
 public:
  /// Compiles the statements on `db`, which must outlive the inserter.
  static base::Result<ExchangeInserter> prepare(Database& db);

  /// The highest exchange id stored (0 when none): the writer numbers new ones after it.
  base::Result<std::int64_t> last_id();
  /// Whether session `id` exists (exchanges of a deleted session are not stored).
  base::Result<bool> session_exists(std::int64_t id);
  /// Inserts `exchange` (already through prepare_for_storage) and its cookie lines, inside the
  /// caller's transaction, with its id when it has one (> 0); returns the exchange's id. Its
  /// session's counters change only at apply_counts().
  base::Result<std::int64_t> insert(const Exchange& exchange);
  /// Adds what insert() saw since the last call to the sessions' exchange_count and
  /// total_bytes, one UPDATE per session (per-row counting in a trigger cost the writer a
  /// second UPDATE for every exchange). Call it in the same transaction, before committing.
  base::Result<base::Ok> apply_counts();
  /// Drops what insert() saw without counting it: for a transaction that was rolled back.
  void forget_counts();
  /// Adds `count` to session `id`'s dropped counter.
  base::Result<base::Ok> add_dropped(std::int64_t id, std::uint64_t count);

 private:
  struct Counts {
    std::uint64_t exchanges = 0;
    std::uint64_t bytes = 0;
  };

  ExchangeInserter(Database& db, Statement exchange, Statement cookie, Statement session,
                   Statement dropped, Statement counted)
      : db_(&db),
        exchange_(std::move(exchange)),
        cookie_(std::move(cookie)),
        session_(std::move(session)),
        dropped_(std::move(dropped)),
        counted_(std::move(counted)) {}
  base::Result<base::Ok> insert_cookies(std::int64_t id, const Exchange& exchange);
  base::Result<base::Ok> fill_spooled_body(std::int64_t id, const char* column,
                                           const char* truncated_column, const CapturedBody& body);

  Database* db_;
  Statement exchange_;
  Statement cookie_;
  Statement session_;
  Statement dropped_;
  Statement counted_;
  std::map<std::int64_t, Counts> uncounted_;  ///< per session, since the last apply_counts()
};

/// Exchange `id` with its headers and kept bodies.
base::Result<Exchange> load_exchange(Database& db, std::int64_t id);

/// Deletes exchange `id` (and its cookie lines); the session's counters follow.
base::Result<base::Ok> delete_exchange(Database& db, std::int64_t id);

}  // namespace postern::store
