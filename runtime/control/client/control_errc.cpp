#include "runtime/control/client/control_errc.hpp"

#include <string>

#include "base/codes.hpp"

namespace postern::control_client {

namespace {

class ControlCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.control.client"; }
  std::string message(int value) const override {
    switch (static_cast<control_errc>(value)) {
      case control_errc::not_running:
        return "the runtime is not running";
      case control_errc::endpoint_invalid:
        return "the runtime's control.json cannot be used";
      case control_errc::timed_out:
        return "the runtime did not answer in time";
      case control_errc::connection_failed:
        return "the connection to the runtime failed";
      case control_errc::bad_response:
        return "the runtime's answer cannot be read";
      case control_errc::bad_token:
        return "the runtime refused the token";
      case control_errc::cancelled:
        return "the call was cancelled";
    }
    return "unknown control API error";
  }
};

}  // namespace

const std::error_category& control_category() {
  static const ControlCategory category;
  return category;
}

std::error_code make_error_code(control_errc e) {
  return {static_cast<int>(e), control_category()};
}

std::string_view stable_code(control_errc e) {
  switch (e) {
    case control_errc::not_running:
      return base::codes::runtime_not_running;
    case control_errc::endpoint_invalid:
      return "CONTROL_FILE_INVALID";
    case control_errc::timed_out:
      return base::codes::runtime_not_responding;
    case control_errc::connection_failed:
      return "CONNECTION_FAILED";
    case control_errc::bad_response:
      return "BAD_RESPONSE";
    case control_errc::bad_token:
      return "TOKEN_REQUIRED";  // the API's own code for a 401 (docs/control-api.md)
    case control_errc::cancelled:
      return "CANCELLED";
  }
  return "INTERNAL_ERROR";
}

std::string_view stable_code(const std::error_code& code) {
  if (code.category() != control_category()) return "INTERNAL_ERROR";
  return stable_code(static_cast<control_errc>(code.value()));
}

}  // namespace postern::control_client
