#include "runtime/daemon/control_routes.hpp"

namespace postern::daemon {

control::ApiRouter control_routes(std::function<RuntimeFacts()> facts, std::function<void()> stop) {
  control::ApiRouter router;
  router.add("GET", "/v1/status", [facts](const control::ApiRequest&, const control::RouteMatch&) {
    const RuntimeFacts now = facts();
    return control::json_response(200, {{"runtime_version", runtime_version()},
                                        {"pid", now.pid},
                                        {"started_at", now.started_at},
                                        {"uptime_s", now.uptime_s},
                                        {"socket_clients", now.clients}});
  });
  router.add("POST", "/v1/runtime/stop",
             [stop](const control::ApiRequest&, const control::RouteMatch&) {
               stop();  // posts the stop: this answer still goes out first
               return control::json_response(202, {{"stopping", true}});
             });
  return router;
}

}  // namespace postern::daemon
