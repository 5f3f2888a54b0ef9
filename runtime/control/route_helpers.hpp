#pragma once
// What the control API's routes do the same way (docs/control-api.md "Routes"): reading the JSON
// body, the "{id}" in the path and the query, and turning a library's error into the API's status
// and code. Each library names its own errors in a small table (practice 4: detection is data);
// anything not in it is 500 STORE_ERROR with the remedy.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "runtime/control/api_router.hpp"
#include "runtime/control/api_types.hpp"

namespace postern::control {

/// A value for a route, or the response that refuses the request.
template <class T>
struct Parsed {
  std::optional<T> value;              ///< set when the request was fine
  std::optional<ApiResponse> refusal;  ///< set otherwise
  explicit operator bool() const { return value.has_value(); }
};

/// The request body as a JSON object; an empty body is {}; 400 BAD_JSON otherwise.
Parsed<nlohmann::json> json_body(const ApiRequest& request);

/// The "{id}" path segment as a positive 64-bit integer; 404 NOT_FOUND "no <what> <text>"
/// otherwise.
Parsed<std::int64_t> path_id(const RouteMatch& match, std::string_view what);

/// Query parameter `key` as a whole number within [min, max] (`fallback` when absent); 400
/// BAD_FIELD naming it otherwise.
Parsed<std::size_t> query_number(const RouteMatch& match, const std::string& key,
                                 std::size_t fallback, std::size_t min, std::size_t max);

/// Query parameter `key` as it was sent, if it was.
std::optional<std::string> query_text(const RouteMatch& match, const std::string& key);

/// 400 BAD_FIELD with `message` (which starts with the field's name).
ApiResponse bad_field(const std::string& message);

/// 204 with no body.
ApiResponse no_content();

/// One row of a library's error table: the error, and the status and API code it becomes.
struct ErrorMapping {
  std::error_code code;
  int status;
  std::string_view api_code;
};

/// The response for a failed operation: the first row of `mappings` whose code equals
/// `error.code`, with the error's message; otherwise 500 STORE_ERROR with the message and, in
/// parentheses, the remedy.
ApiResponse error_response_for(const base::Error& error, std::span<const ErrorMapping> mappings);

}  // namespace postern::control
