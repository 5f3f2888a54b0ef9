#pragma once
// Who may call the control API. Three checks, each against a different attack:
// - Host must name the loopback address and our port: a web page that rebinds its own DNS name
//   to 127.0.0.1 still sends its own name as Host, and is refused (DNS rebinding).
// - No Origin header: browsers add one to cross-origin requests, and nothing legitimate calls
//   this API from a web page (the extension goes through the bridge).
// - Authorization: Bearer <token>, compared in constant time, from the 0600 control file.

#include <optional>

#include "runtime/control/api_types.hpp"
#include "runtime/control/control_file.hpp"

namespace postern::control {

/// The refusal for `request` (400 bad Host, 403 Origin, 401 token), or nullopt when it may pass.
std::optional<ApiResponse> refuse_unless_allowed(const ApiRequest& request,
                                                 const ControlEndpoint& endpoint);

}  // namespace postern::control
