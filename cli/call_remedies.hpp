#pragma once
// The CLI's next steps for the control API's error codes: the client library keeps the API's
// code and message but names no front end's commands, so the `postern capture stop` and
// `postern runtime start` a person should type next are added here, just before printing.

#include "runtime/control/client/call_result.hpp"

namespace postern::cli {

/// `failure` with a remedy naming `postern` commands when it has none and its code has one:
/// SESSION_ACTIVE, NO_ACTIVE_SESSION, BAD_STATE, NOT_FOUND (an unknown id, or an endpoint this
/// runtime does not have: an older one), HOST_NOT_ALLOWED, ORIGIN_NOT_ALLOWED,
/// PAYLOAD_TOO_LARGE, INTERNAL_ERROR.
control_client::CallFailure with_cli_remedy(control_client::CallFailure failure);

}  // namespace postern::cli
