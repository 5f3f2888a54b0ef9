#pragma once
// `postern runtime status` and `start` for people: what runs, since when, and where the capture
// proxy listens (GET /v1/status, docs/control-api.md).

#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace postern::cli {

/// The proxy's "host:port" addresses from a /v1/status answer: each of `proxy.addresses` (bare
/// addresses get `proxy.port`, IPv6 ones brackets), else `proxy.host`; empty without a proxy.
std::vector<std::string> proxy_addresses(const nlohmann::json& status);

/// Whether the capture proxy listens: false when the runtime says `"listening": false` (its
/// port was taken; `proxy.error` says why) or names no address.
bool proxy_listening(const nlohmann::json& status);

/// The whole status: version, pid, uptime, proxy addresses, LAN, interception and CA, clients.
void print_runtime_status(std::ostream& out, const nlohmann::json& status);

/// After a start: one line naming the pid, then the addresses to point clients at.
void print_runtime_started(std::ostream& out, const nlohmann::json& status, bool was_running);

}  // namespace postern::cli
