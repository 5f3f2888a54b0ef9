#pragma once
// `postern runtime status` and `start` for people: what runs, since when, and where the capture
// proxy listens (GET /v1/status, docs/control-api.md).

#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

namespace postern::cli {

/// The whole status: version, pid, uptime, proxy addresses, LAN, interception and CA, clients.
void print_runtime_status(std::ostream& out, const nlohmann::json& status);

/// After a start: one line naming the pid, then the addresses to point clients at.
void print_runtime_started(std::ostream& out, const nlohmann::json& status, bool was_running);

}  // namespace postern::cli
