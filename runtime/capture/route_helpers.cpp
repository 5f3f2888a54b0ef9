#include "runtime/capture/route_helpers.hpp"

#include "runtime/capture/errc.hpp"
#include "runtime/control/route_helpers.hpp"
#include "runtime/store/errc.hpp"

namespace postern::capture {

control::ApiResponse error_to_response(const base::Error& error) {
  static const control::ErrorMapping kMappings[] = {
      {store::errc::not_found, 404, "NOT_FOUND"},
      {store::errc::session_active, 409, "SESSION_ACTIVE"},
      {store::errc::invalid_state, 409, "BAD_STATE"},
      {store::errc::invalid_argument, 400, "BAD_FIELD"},
      {errc::bad_option, 400, "BAD_FIELD"},
      {errc::no_active_session, 409, "NO_ACTIVE_SESSION"},
  };
  return control::error_response_for(error, kMappings);
}

}  // namespace postern::capture
