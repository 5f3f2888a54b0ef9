#pragma once
// The capture store: debug sessions and their captured exchanges in `<data>/capture.db`
// (docs/store.md). One object per runtime. Session changes and views run on the caller's thread
// through one connection (serialised by a mutex); captured exchanges go through a CaptureWriter
// with its own connection and thread, so enqueue() never waits on the disk.
//
// The store records what it is given: whether a paused session should still receive the
// exchanges that were in flight when it paused is the capture layer's decision, not the store's.
// Exchanges of a session deleted while they were queued are not stored (WriterStats::rejected).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "base/app_paths.hpp"
#include "base/result.hpp"
#include "runtime/store/capture_writer.hpp"
#include "runtime/store/records.hpp"
#include "runtime/store/sqlite_handles.hpp"

namespace postern::store {

/// How a CaptureStore is set up.
struct StoreOptions {
  WriterOptions writer;                  ///< queue bounds, batching, body cap
  CommitObserver on_commit;              ///< told about each commit (tests, live views)
  HealthObserver on_health;              ///< told when storing starts failing, and recovers
  std::function<Timestamp()> clock;      ///< "now" for sessions; the system clock when empty
  std::size_t max_cookie_lines = 10000;  ///< cookies() returns at most this many
};

/// Debug sessions and their captured traffic in one SQLite file.
class CaptureStore {
 public:
  /// Opens (creating, checking and migrating) the store at `file`, and starts its writer.
  static base::Result<std::unique_ptr<CaptureStore>> open(const std::filesystem::path& file,
                                                          StoreOptions options = {});
  /// `<data>/capture.db` for `paths`.
  static std::filesystem::path default_file(const base::AppPaths& paths);

  /// Commits everything queued, then closes.
  ~CaptureStore();
  CaptureStore(const CaptureStore&) = delete;
  CaptureStore& operator=(const CaptureStore&) = delete;

  /// The database file.
  const std::filesystem::path& file() const { return file_; }
  /// Where large bodies wait for the writer (body_spool.hpp): `spool` beside the database,
  /// 0700; empty when it could not be made (bodies are then kept in memory only, truncated).
  const std::filesystem::path& spool_folder() const { return spool_folder_; }

  /// Starts a session (running); errc::session_active while another is running or paused.
  base::Result<Session> create_session(const NewSession& request);
  /// running -> paused.
  base::Result<Session> pause_session(std::int64_t id);
  /// paused -> running.
  base::Result<Session> resume_session(std::int64_t id);
  /// running or paused -> stopped (for good).
  base::Result<Session> stop_session(std::int64_t id);
  /// Gives session `id` a new name.
  base::Result<base::Ok> rename_session(std::int64_t id, std::string_view name);
  /// Deletes session `id` with its exchanges and cookie lines.
  base::Result<base::Ok> delete_session(std::int64_t id);
  /// Session `id` with live duration and counters.
  base::Result<Session> session(std::int64_t id);
  /// The history: every session, newest first.
  base::Result<std::vector<Session>> sessions();
  /// The running or paused session, if any.
  base::Result<std::optional<Session>> active_session();

  /// Queues a finished exchange for storage; never waits on the disk. False when it was
  /// dropped because the queue was full (counted in the session's dropped_count).
  /// Returns the id the exchange will be stored under (it can be read once committed).
  std::optional<std::int64_t> enqueue(Exchange&& exchange);
  /// Waits until everything enqueued so far is committed.
  base::Result<base::Ok> flush();
  /// The writer's counters.
  WriterStats writer_stats() const;

  /// A page of a session's exchanges, searched.
  base::Result<ExchangePage> exchanges(const ExchangeQuery& query);
  /// One exchange with headers and bodies.
  base::Result<Exchange> exchange(std::int64_t id);
  /// Deletes one exchange.
  base::Result<base::Ok> delete_exchange(std::int64_t id);
  /// The Overview counts of session `session_id`.
  base::Result<Overview> overview(std::int64_t session_id);
  /// The Cookie and Set-Cookie lines captured in session `session_id`.
  base::Result<std::vector<CapturedCookie>> cookies(std::int64_t session_id);

  /// Runs SQLite's full integrity check; errc::not_a_database naming the first problem.
  base::Result<base::Ok> check_integrity();

  /// Replaces session `id`'s options (a JSON object), as the capture layer changed them.
  base::Result<base::Ok> set_session_options(std::int64_t id, std::string_view options_json);

 private:
  CaptureStore(std::filesystem::path file, Database db, StoreOptions options);
  Timestamp now() const;

  const std::filesystem::path file_;
  std::filesystem::path spool_folder_;  // set once by open()
  StoreOptions options_;
  mutable std::mutex mutex_;  // guards db_
  Database db_;
  std::unique_ptr<CaptureWriter> writer_;
};

}  // namespace postern::store
