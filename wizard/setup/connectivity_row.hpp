#pragma once
// The doctor's INTERNET_CONNECTIVITY row. The check itself runs inside postern-runtime (it
// must go out the way the runtime does, through the proxy its settings choose); this asks the
// runtime for it over the local socket (connectivity.check, docs/runtime-socket.md) and turns
// the report into a row: the URL, the route taken, the cause and the remedy.

#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/app_paths.hpp"
#include "base/outcome.hpp"

namespace postern::setup {

/// How long the doctor waits for the runtime's check: the longest timeout settings.json allows
/// (120 s) plus a margin. The runtime ends the check itself; this only guards against a hang.
inline constexpr std::chrono::seconds kConnectivityWait{125};

/// The row for the runtime's report ({"ok", "url", "via", "route", "failure", "message",
/// "remedy", "elapsed_ms", ...}); `settings_file` is named when the settings are at fault.
base::Outcome connectivity_outcome(const nlohmann::json& report, const std::string& settings_file);

/// Asks the runtime of `paths` to run its check (of `url`, or of the configured URL) and
/// returns the row; a runtime that does not answer is a RUNTIME_NOT_RESPONDING row.
base::Outcome ask_runtime_connectivity(const base::AppPaths& paths,
                                       const std::optional<std::string>& url,
                                       std::chrono::milliseconds wait = kConnectivityWait);

}  // namespace postern::setup
