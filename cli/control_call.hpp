#pragma once
// One control-API call as commands make it: build the target (escaped query), send a JSON or
// text body, and turn the answer into JSON or text, or into a CallFailure with the API's error
// code and a next step for the user (docs/control-api.md, "Errors").

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "cli/call_result.hpp"
#include "cli/control_api.hpp"

namespace postern::cli {

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
/// {"error":{"code","message"}} (or the status when the body is not that), and a next step
/// chosen by the code.
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

}  // namespace postern::cli
