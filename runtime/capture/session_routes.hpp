#pragma once
// The history routes of the control API (docs/control-api.md "Routes"): /v1/sessions (list,
// get, rename, delete), a session's exchanges, overview and cookies, and /v1/exchanges/{id}.
// Reads go straight to the store; the service is asked only about the active session (its live
// options, and that it cannot be deleted while it runs).

#include "runtime/capture/capture_service.hpp"
#include "runtime/control/api_router.hpp"
#include "runtime/store/capture_store.hpp"

namespace postern::capture {

/// Largest per_page a client may ask for (the store's own bound).
inline constexpr std::size_t kMaxPerPage = 1000;
/// per_page when the client does not say.
inline constexpr std::size_t kDefaultPerPage = 50;

/// Adds the /v1/sessions and /v1/exchanges routes.
void add_session_routes(control::ApiRouter& router, CaptureService& service,
                        store::CaptureStore& store);

}  // namespace postern::capture
