#pragma once
// Debug sessions in the capture database: create, pause, resume, stop, rename, delete, list.
// Only one session may be running or paused at a time (seed 000: "a single proxy or interceptor
// debug session running at the same time"); a unique partial index enforces it in the file and
// create_session reports it with the other session's name.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "runtime/store/records.hpp"
#include "runtime/store/sqlite_handles.hpp"

namespace postern::store {

/// Longest session name kept, in bytes.
inline constexpr std::size_t kMaxSessionNameBytes = 1024;

/// Starts a running session at `now`; errc::session_active when another is running or paused.
/// An empty name becomes "Proxy debug session" or "Extension debug session".
base::Result<Session> create_session(Database& db, const NewSession& request, Timestamp now);

/// Moves session `id` to `to` at `now`: running -> paused (pause), paused -> running (resume),
/// running or paused -> stopped (stop). Anything else is errc::invalid_state.
base::Result<Session> change_session_state(Database& db, std::int64_t id, SessionState to,
                                           Timestamp now);

/// Renames session `id`.
base::Result<base::Ok> rename_session(Database& db, std::int64_t id, std::string_view name);

/// Replaces session `id`'s options with `options_json`, which must be a JSON object
/// (errc::invalid_argument otherwise).
base::Result<base::Ok> set_session_options(Database& db, std::int64_t id,
                                           std::string_view options_json);

/// Deletes session `id` with its exchanges and cookie lines.
base::Result<base::Ok> delete_session(Database& db, std::int64_t id);

/// Session `id`, its duration counted up to `now` when running.
base::Result<Session> find_session(Database& db, std::int64_t id, Timestamp now);

/// Every session, newest first.
base::Result<std::vector<Session>> list_sessions(Database& db, Timestamp now);

/// The running or paused session, if there is one.
base::Result<std::optional<Session>> active_session(Database& db, Timestamp now);

}  // namespace postern::store
