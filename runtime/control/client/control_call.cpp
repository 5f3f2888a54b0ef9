#include "runtime/control/client/control_call.hpp"

#include "runtime/control/client/control_errc.hpp"

namespace postern::control_client {

namespace {

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// The status as the code when the body is not the API's error object (a proxy in between, a
// crash page): never an empty code.
std::string code_for_status(int status) {
  switch (status) {
    case 400:
      return "BAD_REQUEST";
    case 403:
      return "FORBIDDEN";
    case 404:
      return "NOT_FOUND";
    case 405:
      return "METHOD_NOT_ALLOWED";
    case 409:
      return "CONFLICT";
    case 413:
      return "PAYLOAD_TOO_LARGE";
    case 431:
      return "HEADERS_TOO_LARGE";
    default:
      return status >= 500 ? "INTERNAL_ERROR" : "HTTP_" + std::to_string(status);
  }
}

// The request, sent; transport failures and error answers become CallFailures.
CallResult<ControlResponse> exchange(ControlApi& api, ControlRequest request) {
  auto response = api.send(request);
  if (!response) return failure_from(response.error());
  if (response.value().status >= 300) return failure_from(response.value());
  return response.value();
}

}  // namespace

std::string query_escape(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string escaped;
  escaped.reserve(value.size());
  for (unsigned char c : value) {
    // "," stays: group_by=domain,endpoint is a list the API splits on it.
    if (unreserved(c) || c == ',') {
      escaped += static_cast<char>(c);
    } else {
      escaped += '%';
      escaped += kHex[c >> 4];
      escaped += kHex[c & 0x0f];
    }
  }
  return escaped;
}

std::string with_query(std::string path, const QueryParams& params) {
  char separator = '?';
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    path += separator;
    path += query_escape(name) + "=" + query_escape(value);
    separator = '&';
  }
  return path;
}

CallFailure failure_from(const base::Error& error) {
  // Errors of other layers (finding the binary, the paths) keep report_error()'s form of code.
  const std::string code =
      error.code.category() == control_category()
          ? std::string(stable_code(error.code))
          : std::string(error.code.category().name()) + ":" + std::to_string(error.code.value());
  return CallFailure{code, error.message, error.remedy, 0};
}

CallFailure failure_from(const ControlResponse& response) {
  CallFailure failure{code_for_status(response.status),
                      "the runtime answered " + std::to_string(response.status), "",
                      response.status};
  const auto document = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (document.is_object() && document.contains("error") && document["error"].is_object()) {
    const auto& error = document["error"];
    if (error.contains("code") && error["code"].is_string())
      failure.code = error["code"].get<std::string>();
    if (error.contains("message") && error["message"].is_string())
      failure.message = error["message"].get<std::string>();
  }
  return failure;
}

CallResult<nlohmann::json> call_json(ControlApi& api, const std::string& method,
                                     const std::string& target, const nlohmann::json& body) {
  return call_json_with_text(api, method, target, body.is_null() ? "" : body.dump(),
                             "application/json");
}

CallResult<nlohmann::json> call_json_with_text(ControlApi& api, const std::string& method,
                                               const std::string& target, std::string body,
                                               const std::string& content_type) {
  auto response = exchange(api, ControlRequest{method, target, std::move(body), content_type});
  if (!response) return response.error();
  if (response.value().status == 204 || response.value().body.empty())
    return nlohmann::json(nullptr);
  auto document = nlohmann::json::parse(response.value().body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded())
    return bad_answer(method, target, "it is not JSON", response.value().status);
  return document;
}

CallFailure bad_answer(const std::string& method, const std::string& target,
                       const std::string& detail, int status) {
  return CallFailure{
      std::string(stable_code(control_errc::bad_response)),
      "the runtime's answer to " + method + " " + target + " cannot be read: " + detail, "",
      status};
}

CallResult<std::string> call_text(ControlApi& api, const std::string& method,
                                  const std::string& target, std::string body,
                                  const std::string& content_type) {
  auto response = exchange(api, ControlRequest{method, target, std::move(body), content_type});
  if (!response) return response.error();
  return std::move(response.value().body);
}

}  // namespace postern::control_client
