#include "runtime/capture/route_helpers.hpp"

#include <charconv>

#include "runtime/capture/errc.hpp"
#include "runtime/store/errc.hpp"

namespace postern::capture {

namespace {

std::optional<std::uint64_t> whole_number(std::string_view text) {
  std::uint64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto parsed = std::from_chars(text.data(), end, value);
  if (text.empty() || parsed.ec != std::errc() || parsed.ptr != end) return std::nullopt;
  return value;
}

struct Mapping {
  std::error_code code;
  int status;
  std::string_view api_code;
};

}  // namespace

Parsed<nlohmann::json> json_body(const control::ApiRequest& request) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos)
    return {nlohmann::json::object(), std::nullopt};
  auto parsed = nlohmann::json::parse(request.body, nullptr, false);
  if (parsed.is_discarded())
    return {std::nullopt, control::error_response(400, "BAD_JSON", "the body is not valid JSON")};
  if (!parsed.is_object())
    return {std::nullopt,
            control::error_response(400, "BAD_JSON", "the body must be a JSON object")};
  return {std::move(parsed), std::nullopt};
}

Parsed<std::int64_t> path_id(const control::RouteMatch& match, std::string_view what) {
  const auto found = match.params.find("id");
  const std::string text = found == match.params.end() ? "" : found->second;
  const auto value = whole_number(text);
  if (!value || *value == 0 || *value > static_cast<std::uint64_t>(INT64_MAX))
    return {std::nullopt,
            control::error_response(404, "NOT_FOUND", "no " + std::string(what) + " " + text)};
  return {static_cast<std::int64_t>(*value), std::nullopt};
}

Parsed<std::size_t> query_number(const control::RouteMatch& match, const std::string& key,
                                 std::size_t fallback, std::size_t min, std::size_t max) {
  const auto found = match.query.find(key);
  if (found == match.query.end()) return {fallback, std::nullopt};
  const auto value = whole_number(found->second);
  if (!value || *value < min || *value > max)
    return {std::nullopt,
            bad_field(key + ": must be a whole number from " + std::to_string(min) + " to " +
                      std::to_string(max) + ", not \"" + found->second + "\"")};
  return {static_cast<std::size_t>(*value), std::nullopt};
}

control::ApiResponse bad_field(const std::string& message) {
  return control::error_response(400, "BAD_FIELD", message);
}

control::ApiResponse error_to_response(const base::Error& error) {
  static const Mapping kMappings[] = {
      {store::errc::not_found, 404, "NOT_FOUND"},
      {store::errc::session_active, 409, "SESSION_ACTIVE"},
      {store::errc::invalid_state, 409, "BAD_STATE"},
      {store::errc::invalid_argument, 400, "BAD_FIELD"},
      {errc::bad_option, 400, "BAD_FIELD"},
      {errc::no_active_session, 409, "NO_ACTIVE_SESSION"},
  };
  for (const auto& mapping : kMappings)
    if (error.code == mapping.code)
      return control::error_response(mapping.status, mapping.api_code, error.message);
  auto message = error.message;
  if (!error.remedy.empty()) message += " (" + error.remedy + ")";
  return control::error_response(500, "STORE_ERROR", message);
}

control::ApiResponse no_content() {
  control::ApiResponse response;
  response.status = 204;
  return response;
}

}  // namespace postern::capture
