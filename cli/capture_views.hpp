#pragma once
// Capture sessions and their traffic for people: the session list, one session with its
// filters, a page of exchanges, the overview counts, the cookies seen, and the result of copying
// them into the jar. Inputs are the control API's JSON (docs/control-api.md); `--json` prints
// that JSON instead and never comes here.

#include <cstdint>
#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

namespace postern::cli {

/// CaptureOptions in a line: "URLs containing \"api\", GET and POST only, ..." or "everything".
std::string describe_filters(const nlohmann::json& options);

/// One session: id, name, state, source, then times, counts, filters and collection.
void print_session(std::ostream& out, const nlohmann::json& session);

/// GET /v1/capture: the active session, or "no capture is running".
void print_capture_status(std::ostream& out, const nlohmann::json& capture);

/// GET /v1/sessions: a table, newest first, or a hint to start one.
void print_session_list(std::ostream& out, const nlohmann::json& list);

/// A page of GET /v1/sessions/{id}/exchanges, with what to type for the next page.
void print_exchange_page(std::ostream& out, std::int64_t session_id, const nlohmann::json& page);

/// GET /v1/sessions/{id}/overview: totals by method, domain, status class, status, data mode.
void print_overview(std::ostream& out, const nlohmann::json& overview);

/// GET /v1/sessions/{id}/cookies: the Cookie and Set-Cookie lines seen.
void print_session_cookies(std::ostream& out, const nlohmann::json& cookies);

/// POST /v1/sessions/{id}/cookies/to-jar: how many went into the jar, and why others did not.
void print_to_jar(std::ostream& out, const nlohmann::json& result);

}  // namespace postern::cli
