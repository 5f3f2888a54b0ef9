#pragma once
// control_client::control_errc: every way a call to the runtime's control API
// (docs/control-api.md) can fail before an answer arrives, and the stable code each is shown
// under (the CLI's --json output, the capture window's messages). Error answers of the API
// itself keep the API's own code (NOT_FOUND, SESSION_ACTIVE, ...).

#include <string_view>
#include <system_error>

namespace postern::control_client {

/// Why the control API could not be asked.
enum class control_errc {
  not_running = 1,    ///< no control.json, or nothing listens on its port
  endpoint_invalid,   ///< control.json exists but cannot be read or is malformed
  timed_out,          ///< connected, but no (complete) answer within the time allowed
  connection_failed,  ///< the connection broke, or a socket call failed
  bad_response,       ///< the answer is not HTTP/1.1 we can read, or is too large
  bad_token,          ///< 401: the token in control.json is not the running runtime's
  cancelled,          ///< the caller's Interrupt fired (an event stream being stopped)
};

/// The error category for control_errc ("postern.control.client").
const std::error_category& control_category();
/// Lets `std::error_code code = control_errc::...` work (found by argument-dependent lookup).
std::error_code make_error_code(control_errc e);
/// The stable code for `e`: RUNTIME_NOT_RUNNING, CONTROL_FILE_INVALID, RUNTIME_NOT_RESPONDING,
/// CONNECTION_FAILED, BAD_RESPONSE, TOKEN_REQUIRED or CANCELLED.
std::string_view stable_code(control_errc e);
/// The stable code for any error: control errors map as above, anything else is INTERNAL_ERROR.
std::string_view stable_code(const std::error_code& code);

}  // namespace postern::control_client

template <>
struct std::is_error_code_enum<postern::control_client::control_errc> : std::true_type {};
