#pragma once
// The control API's capture, session and exchange routes (docs/control-api.md "Routes"):
// /v1/capture (the active session: start, options, pause, resume, stop), /v1/sessions (the
// history: list, get, rename, delete, exchanges, overview, cookies) and /v1/exchanges/{id}.
// Export and cookie-jar routes live elsewhere.

#include "runtime/capture/capture_service.hpp"
#include "runtime/control/api_router.hpp"
#include "runtime/store/capture_store.hpp"

namespace postern::capture {

/// Adds the /v1/capture routes, then the session and exchange routes (add_session_routes).
void add_capture_routes(control::ApiRouter& router, CaptureService& service,
                        store::CaptureStore& store);

}  // namespace postern::capture
