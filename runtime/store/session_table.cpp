#include "runtime/store/session_table.hpp"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "runtime/store/errc.hpp"

namespace postern::store {

namespace {

constexpr std::string_view kSessionColumns =
    "SELECT id, name, source, state, options, started_at, state_changed_at, stopped_at, "
    "running_ms, running_since, exchange_count, total_bytes, dropped_count FROM sessions ";

Timestamp at_millis(std::int64_t millis) {
  return Timestamp(std::chrono::milliseconds(millis));
}

std::int64_t millis_of(Timestamp at) {
  return at.time_since_epoch().count();
}

Session session_from_row(const Statement& row, Timestamp now) {
  Session session;
  session.id = row.int_at(0);
  session.name = row.bytes_at(1);
  session.source = session_source_from(row.bytes_at(2)).value_or(SessionSource::proxy);
  session.state = session_state_from(row.bytes_at(3)).value_or(SessionState::stopped);
  session.options_json = row.bytes_at(4);
  session.started_at = at_millis(row.int_at(5));
  session.state_changed_at = at_millis(row.int_at(6));
  if (auto stopped = row.optional_int_at(7)) session.stopped_at = at_millis(*stopped);
  std::int64_t running = row.int_at(8);
  // A running session's current stretch counts up to now (never negative if the clock stepped
  // back).
  if (auto since = row.optional_int_at(9); since && session.state == SessionState::running)
    running += std::max<std::int64_t>(0, millis_of(now) - *since);
  session.duration = std::chrono::milliseconds(running);
  session.exchange_count = static_cast<std::uint64_t>(row.int_at(10));
  session.total_bytes = static_cast<std::uint64_t>(row.int_at(11));
  session.dropped_count = static_cast<std::uint64_t>(row.int_at(12));
  return session;
}

base::Error store_error(errc code, const Database& db, const std::string& what) {
  return base::Error{code, path_to_utf8(db.file()) + ": " + what, ""};
}

base::Error no_session(const Database& db, std::int64_t id) {
  return store_error(errc::not_found, db, "no debug session " + std::to_string(id));
}

base::Result<base::Ok> check_name(const Database& db, std::string_view name) {
  if (name.empty()) return store_error(errc::invalid_argument, db, "a session name is empty");
  if (name.size() > kMaxSessionNameBytes)
    return store_error(
        errc::invalid_argument, db,
        "a session name is longer than " + std::to_string(kMaxSessionNameBytes) + " bytes");
  return base::Ok{};
}

// Options as they are kept: a JSON object, re-serialised.
base::Result<std::string> check_options(const Database& db, std::string_view options_json) {
  const auto options = nlohmann::json::parse(options_json, nullptr, false);
  if (options.is_discarded() || !options.is_object())
    return store_error(errc::invalid_argument, db, "session options are not a JSON object");
  return options.dump();
}

std::string describe(const Session& session) {
  return "debug session " + std::to_string(session.id) + " (\"" + session.name + "\") is " +
         std::string(to_string(session.state));
}

}  // namespace

base::Result<Session> create_session(Database& db, const NewSession& request, Timestamp now) {
  std::string name = request.name;
  if (name.empty())
    name =
        request.source == SessionSource::proxy ? "Proxy debug session" : "Extension debug session";
  if (auto valid = check_name(db, name); !valid) return valid.error();
  auto options = check_options(db, request.options_json);
  if (!options) return options.error();

  auto transaction = Transaction::begin(db);
  if (!transaction) return transaction.error();
  auto active = active_session(db, now);
  if (!active) return active.error();
  if (active.value())
    return base::Error{errc::session_active,
                       path_to_utf8(db.file()) + ": " + describe(*active.value()),
                       "stop it before starting another (one debug session at a time)"};
  auto insert = db.prepare(
      "INSERT INTO sessions (name, source, state, options, started_at, state_changed_at, "
      "running_since) VALUES (?1, ?2, 'running', ?3, ?4, ?4, ?4)");
  if (!insert) return insert.error();
  insert.value()
      .bind_blob(1, name)
      .bind_text(2, to_string(request.source))
      .bind_text(3, options.value())
      .bind_int(4, millis_of(now));
  if (auto ran = insert.value().run(); !ran) return ran.error();
  const auto id = db.last_insert_id();
  if (auto committed = transaction.value().commit(); !committed) return committed.error();
  return find_session(db, id, now);
}

base::Result<Session> change_session_state(Database& db, std::int64_t id, SessionState to,
                                           Timestamp now) {
  auto transaction = Transaction::begin(db);
  if (!transaction) return transaction.error();
  auto current = find_session(db, id, now);
  if (!current) return current.error();
  const SessionState from = current.value().state;
  const bool allowed = (from == SessionState::running && to == SessionState::paused) ||
                       (from == SessionState::paused && to == SessionState::running) ||
                       (from != SessionState::stopped && to == SessionState::stopped);
  if (!allowed)
    return base::Error{errc::invalid_state,
                       path_to_utf8(db.file()) + ": " + describe(current.value()) +
                           " and cannot become " + std::string(to_string(to)),
                       ""};
  // running_ms accumulates each running stretch when it ends; running_since marks the current
  // one. CASE keeps the arithmetic in one statement for all three changes.
  auto update = db.prepare(
      "UPDATE sessions SET state = ?2, state_changed_at = ?3, "
      "running_ms = running_ms + CASE WHEN state = 'running' "
      "  THEN max(0, ?3 - running_since) ELSE 0 END, "
      "running_since = CASE WHEN ?2 = 'running' THEN ?3 ELSE NULL END, "
      "stopped_at = CASE WHEN ?2 = 'stopped' THEN ?3 ELSE stopped_at END "
      "WHERE id = ?1");
  if (!update) return update.error();
  update.value().bind_int(1, id).bind_text(2, to_string(to)).bind_int(3, millis_of(now));
  if (auto ran = update.value().run(); !ran) return ran.error();
  if (auto committed = transaction.value().commit(); !committed) return committed.error();
  return find_session(db, id, now);
}

base::Result<base::Ok> rename_session(Database& db, std::int64_t id, std::string_view name) {
  if (auto valid = check_name(db, name); !valid) return valid.error();
  auto update = db.prepare("UPDATE sessions SET name = ?2 WHERE id = ?1");
  if (!update) return update.error();
  update.value().bind_int(1, id).bind_blob(2, name);
  if (auto ran = update.value().run(); !ran) return ran.error();
  if (db.changes() == 0) return no_session(db, id);
  return base::Ok{};
}

base::Result<base::Ok> set_session_options(Database& db, std::int64_t id,
                                           std::string_view options_json) {
  auto options = check_options(db, options_json);
  if (!options) return options.error();
  auto update = db.prepare("UPDATE sessions SET options = ?2 WHERE id = ?1");
  if (!update) return update.error();
  update.value().bind_int(1, id).bind_text(2, options.value());
  if (auto ran = update.value().run(); !ran) return ran.error();
  if (db.changes() == 0) return no_session(db, id);
  return base::Ok{};
}

base::Result<base::Ok> delete_session(Database& db, std::int64_t id) {
  // ON DELETE CASCADE removes the exchanges, and theirs the cookie lines, in this statement.
  auto remove = db.prepare("DELETE FROM sessions WHERE id = ?1");
  if (!remove) return remove.error();
  remove.value().bind_int(1, id);
  if (auto ran = remove.value().run(); !ran) return ran.error();
  if (db.changes() == 0) return no_session(db, id);
  return base::Ok{};
}

base::Result<Session> find_session(Database& db, std::int64_t id, Timestamp now) {
  auto query = db.prepare(std::string(kSessionColumns) + "WHERE id = ?1");
  if (!query) return query.error();
  query.value().bind_int(1, id);
  auto row = query.value().step();
  if (!row) return row.error();
  if (!row.value()) return no_session(db, id);
  return session_from_row(query.value(), now);
}

base::Result<std::vector<Session>> list_sessions(Database& db, Timestamp now) {
  auto query = db.prepare(std::string(kSessionColumns) + "ORDER BY started_at DESC, id DESC");
  if (!query) return query.error();
  std::vector<Session> sessions;
  for (;;) {
    auto row = query.value().step();
    if (!row) return row.error();
    if (!row.value()) break;
    sessions.push_back(session_from_row(query.value(), now));
  }
  return sessions;
}

base::Result<std::optional<Session>> active_session(Database& db, Timestamp now) {
  auto query =
      db.prepare(std::string(kSessionColumns) + "WHERE state IN ('running', 'paused') LIMIT 1");
  if (!query) return query.error();
  auto row = query.value().step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<Session>();
  return std::optional<Session>(session_from_row(query.value(), now));
}

}  // namespace postern::store
