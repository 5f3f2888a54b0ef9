#pragma once
// Capture sessions as the control API describes them (docs/control-api.md "Session",
// "CaptureOptions"), as plain structs for the capture window: read strictly from the API's JSON
// (a wrong field is control_errc::bad_response naming it), and options written back as the
// JSON the API takes. The runtime checks options fully (regexes compile, paths are absolute);
// this side only carries them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "runtime/control/client/json_fields.hpp"

namespace postern::control_client {

/// Where a stopped session's exchanges are written as a Postman Collection v2.1.
struct CollectionTarget {
  std::string path;                   ///< absolute path of the collection file
  std::vector<std::string> group_by;  ///< "domain", "endpoint"; empty = chronological
  friend bool operator==(const CollectionTarget&, const CollectionTarget&) = default;
};

/// What a session captures; the member defaults are the API's.
struct CaptureOptions {
  std::string url_contains;                    ///< only URLs containing this
  std::string url_regex;                       ///< only URLs this pattern matches
  std::vector<std::string> exclude;            ///< skip URLs containing any of these
  std::string exclude_regex;                   ///< skip URLs this pattern matches
  std::vector<std::string> methods;            ///< only these methods; empty = all
  bool exclude_static = false;                 ///< drop images, scripts and CSS
  bool save_responses = true;                  ///< keep response bodies
  bool capture_cookies = false;                ///< keep Cookie / Set-Cookie lines
  bool save_to_history = true;                 ///< keep the session after it stops
  std::optional<CollectionTarget> collection;  ///< write a collection here on stop
  std::int64_t body_limit = 1024 * 1024;       ///< bytes kept of each body
  friend bool operator==(const CaptureOptions&, const CaptureOptions&) = default;
};

/// A session's state.
enum class SessionState { running, paused, stopped };
/// "running", "paused", "stopped".
std::string_view to_string(SessionState state);

/// One capture session.
struct Session {
  std::int64_t id = 0;
  std::string name;
  std::string source;  ///< "proxy" or "extension"
  SessionState state = SessionState::stopped;
  CaptureOptions options;
  std::string started_at;                 ///< UTC ISO 8601
  std::optional<std::string> stopped_at;  ///< none while it runs
  std::int64_t duration_ms = 0;           ///< time spent running, pauses excluded
  std::int64_t exchange_count = 0;
  std::int64_t total_bytes = 0;
  std::int64_t dropped_count = 0;  ///< exchanges lost under load
};

/// Why captured exchanges are not being stored (docs/store.md "A full disk").
struct StorageProblem {
  std::string code;     ///< DISK_FULL, STORE_READ_ONLY or STORE_ERROR
  std::string message;  ///< what failed, naming the file
  std::string remedy;   ///< what to do about it
};

/// Whether the runtime is storing what it captures (GET /v1/capture's `storage`, and
/// `event: storage` when that changes).
struct StorageHealth {
  bool ok = true;                            ///< the last batch was stored
  std::int64_t not_stored = 0;               ///< exchanges lost since the runtime started
  std::optional<StorageProblem> last_error;  ///< the last failure, kept after recovery
};

/// GET /v1/capture: the active session and its current options, if one runs.
struct CaptureStatus {
  std::optional<Session> session;
  std::optional<CaptureOptions> options;
  StorageHealth storage;  ///< ok when the runtime is older and does not say
};

/// Readers of the API's JSON (for JsonFields::list and read_json).
CaptureOptions read_capture_options(const JsonFields& fields);
Session read_session(const JsonFields& fields);
StorageHealth read_storage_health(const JsonFields& fields);
CaptureStatus read_capture_status(const JsonFields& fields);
std::vector<Session> read_session_list(const JsonFields& fields);

/// A Session answer; a malformed one is control_errc::bad_response naming the field.
base::Result<Session> parse_session(const nlohmann::json& document);

/// The options as the API takes them: every field, collection null when unset.
nlohmann::json to_json(const CaptureOptions& options);

}  // namespace postern::control_client
