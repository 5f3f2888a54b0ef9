#include "runtime/daemon/control_routes.hpp"

namespace postern::daemon {

control::ApiRouter control_routes(std::function<RuntimeFacts()> facts,
                                  std::function<nlohmann::json()> proxy_status,
                                  std::function<void()> stop) {
  control::ApiRouter router;
  router.add("GET", "/v1/status",
             [facts, proxy_status](const control::ApiRequest&, const control::RouteMatch&) {
               const RuntimeFacts now = facts();
               return control::json_response(200,
                                             {{"runtime_version", runtime_version()},
                                              {"pid", now.pid},
                                              {"started_at", now.started_at},
                                              {"uptime_s", now.uptime_s},
                                              {"socket_clients", now.clients},
                                              {"proxy", proxy_status ? proxy_status() : nullptr}});
             });
  router.add("POST", "/v1/runtime/stop",
             [stop](const control::ApiRequest&, const control::RouteMatch&) {
               stop();  // posts the stop: this answer still goes out first
               return control::json_response(202, {{"stopping", true}});
             });
  return router;
}

}  // namespace postern::daemon
