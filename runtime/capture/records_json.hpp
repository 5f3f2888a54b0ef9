#pragma once
// The control API's JSON for the store's records (docs/control-api.md "Routes"). Times are UTC
// ISO 8601 with milliseconds. Text that came from the wire (URL, headers, names) is made valid
// UTF-8 (U+FFFD for broken bytes) so that any JSON writer accepts it; bodies, which may be
// binary, are {"text": ...} when they are valid UTF-8 and {"base64": ...} otherwise, byte exact.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "runtime/capture/capture_options.hpp"
#include "runtime/store/capture_writer.hpp"
#include "runtime/store/records.hpp"

namespace postern::capture {

/// "2026-11-22T10:00:00.123Z".
std::string iso8601(store::Timestamp at);

/// `bytes` as valid UTF-8: each byte that does not belong to a valid sequence becomes U+FFFD.
std::string valid_utf8(std::string_view bytes);

/// Session; "options" are `options_now` when given (the active session's current options),
/// else those stored with the session.
nlohmann::json to_json(const store::Session& session,
                       const std::optional<CaptureOptions>& options_now = std::nullopt);
/// ExchangeSummary.
nlohmann::json to_json(const store::ExchangeSummary& summary);
/// {"items":[ExchangeSummary...],"total","page","per_page"}.
nlohmann::json to_json(const store::ExchangePage& page);
/// Exchange, with headers, bodies, timings and connection facts.
nlohmann::json to_json(const store::Exchange& exchange);
/// {"text"|"base64", "size", "truncated", "omitted_reason"}.
nlohmann::json to_json(const store::CapturedBody& body);
/// {"total","by_method":[{"key","count"}...],"by_domain","by_data_mode","by_status",
/// "by_status_class"}.
nlohmann::json to_json(const store::Overview& overview);
/// {"exchange_id","direction","host","header_value","seen_at"}.
nlohmann::json to_json(const store::CapturedCookie& cookie);

/// Whether captured exchanges are being stored: {"ok" (false: the last batch failed),
/// "not_stored" (since the runtime started), "last_error": {"code": "DISK_FULL" |
/// "STORE_READ_ONLY" | "STORE_ERROR", "message", "remedy"} or null}.
nlohmann::json storage_json(const store::WriterStats& stats);

/// The list row of `exchange` (what the store will list for it).
store::ExchangeSummary summary_of(const store::Exchange& exchange);

}  // namespace postern::capture
