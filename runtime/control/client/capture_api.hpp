#pragma once
// Typed calls for capture sessions and their traffic (docs/control-api.md "Routes"), for the
// capture window and any front end that wants structs rather than JSON: each call sends one
// request through a ControlApi and answers a plain struct, or a CallFailure with the API's code
// (NOT_FOUND, SESSION_ACTIVE, ...), ours (RUNTIME_NOT_RUNNING, ...), or BAD_RESPONSE naming the
// field of an answer that is not what the API documents. No call keeps state between calls.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "runtime/control/client/call_result.hpp"
#include "runtime/control/client/capture_types.hpp"
#include "runtime/control/client/control_api.hpp"
#include "runtime/control/client/cookie_types.hpp"
#include "runtime/control/client/exchange_types.hpp"
#include "runtime/control/client/runtime_status.hpp"

namespace postern::control_client {

/// Which page of a session's exchanges to fetch.
struct ExchangeQuery {
  std::string search;                    ///< only URLs containing this; empty = all
  std::optional<std::int64_t> page;      ///< from 1; the runtime's default when none
  std::optional<std::int64_t> per_page;  ///< 1 to 1000; the runtime's default when none
};

/// The document formats a session exports to.
enum class ExportFormat { har, collection };

/// What to export and where.
struct ExportRequest {
  ExportFormat format = ExportFormat::har;
  std::vector<std::string> group_by;  ///< collection folders: "domain", "endpoint"
  std::filesystem::path path;         ///< the file to write (made or replaced atomically)
};

/// A document written.
struct ExportResult {
  std::filesystem::path path;
  std::size_t bytes = 0;
};

/// Capture sessions, exchanges and the runtime's status over `api` (which must outlive this).
class CaptureApi {
 public:
  explicit CaptureApi(ControlApi& api) : api_(api) {}

  /// GET /v1/status.
  CallResult<RuntimeStatus> runtime_status();
  /// GET /v1/capture: the active session, if any.
  CallResult<CaptureStatus> capture_status();
  /// POST /v1/capture/start; `name` and `options` are the runtime's defaults when not given.
  CallResult<Session> start(const std::optional<std::string>& name = std::nullopt,
                            const std::optional<CaptureOptions>& options = std::nullopt);
  /// PUT /v1/capture/options: new filters for the running session, applied at once.
  CallResult<Session> set_options(const CaptureOptions& options);
  /// POST /v1/capture/pause, /resume, /stop.
  CallResult<Session> pause();
  CallResult<Session> resume();
  CallResult<Session> stop();

  /// GET /v1/sessions, newest first.
  CallResult<std::vector<Session>> sessions();
  /// GET /v1/sessions/{id}.
  CallResult<Session> session(std::int64_t id);
  /// PATCH /v1/sessions/{id}.
  CallResult<Session> rename(std::int64_t id, const std::string& name);
  /// DELETE /v1/sessions/{id}: the session and its exchanges.
  CallResult<base::Ok> remove(std::int64_t id);
  /// GET /v1/sessions/{id}/exchanges.
  CallResult<ExchangePage> exchanges(std::int64_t session, const ExchangeQuery& query = {});
  /// GET /v1/exchanges/{id}: headers and bodies.
  CallResult<Exchange> exchange(std::int64_t id);
  /// DELETE /v1/exchanges/{id}: one captured exchange.
  CallResult<base::Ok> remove_exchange(std::int64_t id);
  /// GET /v1/sessions/{id}/overview.
  CallResult<Overview> overview(std::int64_t session);
  /// GET /v1/sessions/{id}/cookies: the Cookie and Set-Cookie lines recorded.
  CallResult<std::vector<SessionCookie>> session_cookies(std::int64_t session);
  /// POST /v1/sessions/{id}/cookies/to-jar; all exchanges when `exchange_ids` is empty.
  CallResult<ToJarResult> cookies_to_jar(std::int64_t session,
                                         const std::vector<std::int64_t>& exchange_ids = {});
  /// GET /v1/sessions/{id}/export, written to `request.path` (0644: other tools open it).
  CallResult<ExportResult> export_session(std::int64_t session, const ExportRequest& request);

 private:
  CallResult<Session> transition(const std::string& verb);

  ControlApi& api_;
};

}  // namespace postern::control_client
