#pragma once
// One control-API call: build the target (escaped query), send a JSON or text body, and turn the
// answer into JSON or text, or into a CallFailure with the API's error code and message
// (docs/control-api.md, "Errors"). Next steps that name a front end's own commands or buttons
// are that front end's to add (cli/call_remedies.hpp for the CLI).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "runtime/control/client/call_result.hpp"
#include "runtime/control/client/control_api.hpp"
#include "runtime/control/client/json_fields.hpp"

namespace postern::control_client {

/// Query parameters in order: name and value (escaped when the target is built).
using QueryParams = std::vector<std::pair<std::string, std::string>>;

/// `value` percent-encoded for a query value or a path segment: everything but RFC 3986's
/// unreserved characters (letters, digits, "-._~") and "," becomes %XX.
std::string query_escape(std::string_view value);

/// `path` followed by "?name=value&..." for every parameter whose value is not empty.
std::string with_query(std::string path, const QueryParams& params);

/// A failure to reach the API as a CallFailure: the stable code of a control_errc (else
/// "<category>:<value>", as report_error() shows it), message and remedy.
CallFailure failure_from(const base::Error& error);

/// An error answer (status 300 and up) as a CallFailure: code and message from the API's
/// {"error":{"code","message"}} (or the status when the body is not that); no remedy.
CallFailure failure_from(const ControlResponse& response);

/// Sends `method target` with `body` as JSON (none when it is null) and reads a 2xx JSON answer;
/// a 204 or an empty body answers null. Anything else is a CallFailure.
CallResult<nlohmann::json> call_json(ControlApi& api, const std::string& method,
                                     const std::string& target,
                                     const nlohmann::json& body = nullptr);

/// Sends `method target` with a `content_type` body (not JSON: cookies.txt) and reads a 2xx JSON
/// answer, as call_json() does.
CallResult<nlohmann::json> call_json_with_text(ControlApi& api, const std::string& method,
                                               const std::string& target, std::string body,
                                               const std::string& content_type = "text/plain");

/// Sends `method target` with a `content_type` body and answers the 2xx answer's body as it came
/// (exports, cookies.txt).
CallResult<std::string> call_text(ControlApi& api, const std::string& method,
                                  const std::string& target, std::string body = "",
                                  const std::string& content_type = "text/plain");

/// The BAD_RESPONSE failure for a 2xx answer to `method target` that is not what the API
/// documents: "the runtime's answer to GET /v1/sessions cannot be read: <detail>".
CallFailure bad_answer(const std::string& method, const std::string& target,
                       const std::string& detail, int status = 0);

/// call_json(), then the answer read by `read` (json_fields.hpp); an answer `read` finds a
/// problem in is bad_answer() naming the field.
template <class T>
CallResult<T> call_typed(ControlApi& api, const std::string& method, const std::string& target,
                         const nlohmann::json& body, T (*read)(const JsonFields&)) {
  auto answer = call_json(api, method, target, body);
  if (!answer) return answer.error();
  std::string problem;
  T value = read(JsonFields(answer.value(), "", problem));
  if (!problem.empty()) return bad_answer(method, target, problem);
  return value;
}

}  // namespace postern::control_client
