#pragma once
// What every capture and session route does the same way (docs/control-api.md "Routes"):
// reading the JSON body, the id in the path and the paging query, and turning a store or
// capture error into the API's status and code.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "runtime/control/api_router.hpp"
#include "runtime/control/api_types.hpp"

namespace postern::capture {

/// A value for a route, or the response that refuses the request.
template <class T>
struct Parsed {
  std::optional<T> value;                       ///< set when the request was fine
  std::optional<control::ApiResponse> refusal;  ///< set otherwise
  explicit operator bool() const { return value.has_value(); }
};

/// The request body as a JSON object; an empty body is {}; 400 BAD_JSON otherwise.
Parsed<nlohmann::json> json_body(const control::ApiRequest& request);

/// The "{id}" path segment as a positive integer; 404 NOT_FOUND naming `what` otherwise.
Parsed<std::int64_t> path_id(const control::RouteMatch& match, std::string_view what);

/// Query parameter `key` as a whole number within [min, max] (`fallback` when absent); 400
/// BAD_FIELD naming it otherwise.
Parsed<std::size_t> query_number(const control::RouteMatch& match, const std::string& key,
                                 std::size_t fallback, std::size_t min, std::size_t max);

/// 400 BAD_FIELD with `message` (which starts with the field's name).
control::ApiResponse bad_field(const std::string& message);

/// The response for a failed store or capture operation: 404 NOT_FOUND, 409 SESSION_ACTIVE /
/// NO_ACTIVE_SESSION / BAD_STATE, 400 BAD_FIELD, or 500 STORE_ERROR.
control::ApiResponse error_to_response(const base::Error& error);

/// 204 with no body.
control::ApiResponse no_content();

}  // namespace postern::capture
