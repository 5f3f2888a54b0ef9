#pragma once
// How the capture window writes numbers, times and exchanges: sizes ("1.5 KB"), running times
// ("00:01:23"), the API's UTC times in local time, an exchange's status and duration, and the
// text of its detail pane. Pure functions, so tests check them without a window.

#include <wx/string.h>

#include <cstdint>
#include <optional>
#include <string>

#include "runtime/control/client/capture_types.hpp"
#include "runtime/control/client/exchange_types.hpp"

namespace postern::gui {

/// "0 B", "512 B", "1.5 KB", "2.3 MB", "1.1 GB" (powers of 1024).
wxString human_size(std::int64_t bytes);
/// "00:01:23"; hours grow past 99 as needed.
wxString clock_duration(std::int64_t ms);
/// Milliseconds since the epoch of an API time ("2026-11-22T10:00:00.123Z"); none when malformed.
std::optional<std::int64_t> iso_to_ms(const std::string& iso);
/// An API time in local time, "2026-11-22 11:00:00"; the text as it came when malformed.
wxString local_time(const std::string& iso);
/// The status code, else the error, else a dash.
wxString exchange_status(const control_client::ExchangeSummary& exchange);
/// "12 ms" from started_at to ended_at; a dash when either is missing.
wxString exchange_duration(const control_client::ExchangeSummary& exchange);
/// Request plus response size, as the session's total counts them.
std::int64_t exchange_bytes(const control_client::ExchangeSummary& exchange);
/// The detail pane: request line, headers and body, then the response's.
wxString exchange_detail(const control_client::Exchange& exchange);
/// A session's header line: start, duration, requests, size, source.
wxString session_facts(const control_client::Session& session);
/// "running", "paused", "stopped" in the user's language.
wxString session_state_name(control_client::SessionState state);
/// Whether `url` contains `search`, ignoring ASCII case (as the runtime's search does).
bool url_matches(const std::string& url, const std::string& search);

}  // namespace postern::gui
