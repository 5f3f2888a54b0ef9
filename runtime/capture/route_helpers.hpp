#pragma once
// How the capture and session routes (docs/control-api.md "Routes") turn a store or capture
// error into the API's status and code. Reading bodies, ids and queries is shared by every
// route: runtime/control/route_helpers.hpp.

#include "base/result.hpp"
#include "runtime/control/api_types.hpp"

namespace postern::capture {

/// The response for a failed store or capture operation: 404 NOT_FOUND, 409 SESSION_ACTIVE /
/// NO_ACTIVE_SESSION / BAD_STATE, 400 BAD_FIELD, or 500 STORE_ERROR.
control::ApiResponse error_to_response(const base::Error& error);

}  // namespace postern::capture
