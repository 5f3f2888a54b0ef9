#include "runtime/control/api_types.hpp"

namespace postern::control {

ApiResponse json_response(int status, const nlohmann::json& body) {
  ApiResponse response;
  response.status = status;
  // Replace rather than throw: a captured URL with broken UTF-8 must not fail the response.
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  return response;
}

ApiResponse error_response(int status, std::string_view code, const std::string& message) {
  return json_response(status, {{"error", {{"code", code}, {"message", message}}}});
}

}  // namespace postern::control
