#pragma once
// Times in the control API's JSON (docs/control-api.md "Routes"): UTC, ISO 8601, to the
// millisecond ("2026-11-22T10:00:00.123Z"). JavaScript's Date, jq's fromdate and HAR readers
// all parse this form; HAR 1.2 requires ISO 8601 for startedDateTime and cookie expiries.

#include <chrono>
#include <string>

namespace postern::control {

/// "2026-11-22T10:00:00.123Z" for `time` (UTC; years outside 0000-9999 are clamped to them).
std::string format_api_time(std::chrono::sys_time<std::chrono::milliseconds> time);

}  // namespace postern::control
