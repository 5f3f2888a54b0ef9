#include "runtime/control/event_routes.hpp"

namespace postern::control {

void add_event_routes(ApiRouter& router, EventHub& hub) {
  router.add("GET", "/v1/events", [&hub](const ApiRequest&, const RouteMatch&) {
    ApiResponse response;
    response.content_type = "text/event-stream";
    // Subscribed now, before the head is written: a client that has read the head has missed
    // nothing published after that.
    response.events = hub.subscribe();
    return response;
  });
}

}  // namespace postern::control
