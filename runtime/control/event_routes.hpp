#pragma once
// GET /v1/events (docs/control-api.md): the live event stream, as Server-Sent Events. The route
// only subscribes; ApiSession writes the stream (head, events, keep-alive comments) until the
// client goes or the server stops. The API guard (token, Host, no Origin) runs before it like
// before any route, so a web page cannot listen either.

#include "runtime/control/api_router.hpp"
#include "runtime/control/event_hub.hpp"

namespace postern::control {

/// Adds GET /v1/events, streaming what `hub` publishes (`hub` must outlive the router).
void add_event_routes(ApiRouter& router, EventHub& hub);

}  // namespace postern::control
