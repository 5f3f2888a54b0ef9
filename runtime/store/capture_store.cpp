#include "runtime/store/capture_store.hpp"

#include "runtime/store/errc.hpp"
#include "runtime/store/exchange_table.hpp"
#include "runtime/store/exchange_views.hpp"
#include "runtime/store/session_table.hpp"
#include "runtime/store/store_file.hpp"

namespace postern::store {

namespace fs = std::filesystem;

namespace {

// `spool` beside `database`, owner-only, emptied of files a crash left between creating and
// unlinking one (only where O_TMPFILE is missing); empty when it cannot be made.
fs::path prepare_spool_folder(const fs::path& database) {
  const fs::path folder = database.parent_path() / "spool";
  std::error_code error;
  fs::create_directories(folder, error);
  fs::permissions(folder, fs::perms::owner_all, fs::perm_options::replace, error);
  if (error) return {};
  for (const auto& entry : fs::directory_iterator(folder, error))
    if (entry.path().filename().string().starts_with("body-")) fs::remove(entry.path(), error);
  return folder;
}

}  // namespace

base::Result<std::unique_ptr<CaptureStore>> CaptureStore::open(const fs::path& file,
                                                               StoreOptions options) {
  auto db = open_capture_database(file);
  if (!db) return db.error();
  auto connection = open_capture_connection(file);
  if (!connection) return connection.error();
  auto writer = CaptureWriter::start(std::move(connection).value(), options.writer,
                                     {options.on_commit, options.on_health});
  if (!writer) return writer.error();
  std::unique_ptr<CaptureStore> store(
      new CaptureStore(file, std::move(db).value(), std::move(options)));
  store->writer_ = std::move(writer).value();
  store->spool_folder_ = prepare_spool_folder(fs::absolute(file));
  return store;
}

fs::path CaptureStore::default_file(const base::AppPaths& paths) {
  return capture_database_file(paths);
}

CaptureStore::CaptureStore(fs::path file, Database db, StoreOptions options)
    : file_(std::move(file)), options_(std::move(options)), db_(std::move(db)) {}

CaptureStore::~CaptureStore() {
  writer_.reset();  // commits what is queued before the reading connection closes
}

Timestamp CaptureStore::now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

base::Result<Session> CaptureStore::create_session(const NewSession& request) {
  std::lock_guard lock(mutex_);
  return store::create_session(db_, request, now());
}

base::Result<Session> CaptureStore::pause_session(std::int64_t id) {
  std::lock_guard lock(mutex_);
  return change_session_state(db_, id, SessionState::paused, now());
}

base::Result<Session> CaptureStore::resume_session(std::int64_t id) {
  std::lock_guard lock(mutex_);
  return change_session_state(db_, id, SessionState::running, now());
}

base::Result<Session> CaptureStore::stop_session(std::int64_t id) {
  std::lock_guard lock(mutex_);
  return change_session_state(db_, id, SessionState::stopped, now());
}

base::Result<base::Ok> CaptureStore::rename_session(std::int64_t id, std::string_view name) {
  std::lock_guard lock(mutex_);
  return store::rename_session(db_, id, name);
}

base::Result<base::Ok> CaptureStore::delete_session(std::int64_t id) {
  std::lock_guard lock(mutex_);
  return store::delete_session(db_, id);
}

base::Result<Session> CaptureStore::session(std::int64_t id) {
  std::lock_guard lock(mutex_);
  return find_session(db_, id, now());
}

base::Result<std::vector<Session>> CaptureStore::sessions() {
  std::lock_guard lock(mutex_);
  return list_sessions(db_, now());
}

base::Result<std::optional<Session>> CaptureStore::active_session() {
  std::lock_guard lock(mutex_);
  return store::active_session(db_, now());
}

std::optional<std::int64_t> CaptureStore::enqueue(Exchange&& exchange) {
  return writer_->enqueue(std::move(exchange));
}

base::Result<base::Ok> CaptureStore::flush() {
  return writer_->flush();
}

WriterStats CaptureStore::writer_stats() const {
  return writer_->stats();
}

base::Result<ExchangePage> CaptureStore::exchanges(const ExchangeQuery& query) {
  std::lock_guard lock(mutex_);
  return list_exchanges(db_, query);
}

base::Result<Exchange> CaptureStore::exchange(std::int64_t id) {
  std::lock_guard lock(mutex_);
  return load_exchange(db_, id);
}

base::Result<base::Ok> CaptureStore::delete_exchange(std::int64_t id) {
  std::lock_guard lock(mutex_);
  return store::delete_exchange(db_, id);
}

base::Result<Overview> CaptureStore::overview(std::int64_t session_id) {
  std::lock_guard lock(mutex_);
  return session_overview(db_, session_id);
}

base::Result<std::vector<CapturedCookie>> CaptureStore::cookies(std::int64_t session_id) {
  std::lock_guard lock(mutex_);
  return session_cookies(db_, session_id, options_.max_cookie_lines);
}

base::Result<base::Ok> CaptureStore::check_integrity() {
  std::lock_guard lock(mutex_);
  auto check = db_.prepare("PRAGMA integrity_check(1)");
  if (!check) return check.error();
  auto row = check.value().step();
  if (!row) return row.error();
  const auto verdict = row.value() ? check.value().bytes_at(0) : std::string("no answer");
  if (verdict == "ok") return base::Ok{};
  return base::Error{errc::not_a_database,
                     path_to_utf8(file_) + ": integrity check failed: " + verdict,
                     "copy the file aside; `sqlite3 " + path_to_utf8(file_) +
                         " .recover` can often save its contents"};
}

base::Result<base::Ok> CaptureStore::set_session_options(std::int64_t id,
                                                         std::string_view options_json) {
  std::lock_guard lock(mutex_);
  return store::set_session_options(db_, id, options_json);
}

}  // namespace postern::store
