#pragma once
// The control API's routes that the daemon itself answers (docs/control-api.md): the runtime's
// status and a stop request. Capture, sessions and cookies add their routes beside these.

#include <functional>

#include <nlohmann/json.hpp>

#include "runtime/control/api_router.hpp"
#include "runtime/daemon/request_handler.hpp"

namespace postern::daemon {

/// GET /v1/status (facts, version, and `proxy_status()` as "proxy") and POST /v1/runtime/stop
/// (calls `stop`, answers 202).
control::ApiRouter control_routes(std::function<RuntimeFacts()> facts,
                                  std::function<nlohmann::json()> proxy_status,
                                  std::function<void()> stop);

}  // namespace postern::daemon
