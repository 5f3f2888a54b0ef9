#include "runtime/control/route_helpers.hpp"

#include <charconv>

namespace postern::control {

namespace {

std::optional<std::uint64_t> whole_number(std::string_view text) {
  std::uint64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto parsed = std::from_chars(text.data(), end, value);
  if (text.empty() || parsed.ec != std::errc() || parsed.ptr != end) return std::nullopt;
  return value;
}

}  // namespace

Parsed<nlohmann::json> json_body(const ApiRequest& request) {
  if (request.body.find_first_not_of(" \t\r\n") == std::string::npos)
    return {nlohmann::json::object(), std::nullopt};
  auto parsed = nlohmann::json::parse(request.body, nullptr, false);
  if (parsed.is_discarded())
    return {std::nullopt, error_response(400, "BAD_JSON", "the body is not valid JSON")};
  if (!parsed.is_object())
    return {std::nullopt, error_response(400, "BAD_JSON", "the body must be a JSON object")};
  return {std::move(parsed), std::nullopt};
}

Parsed<std::int64_t> path_id(const RouteMatch& match, std::string_view what) {
  const auto found = match.params.find("id");
  const std::string text = found == match.params.end() ? "" : found->second;
  const auto value = whole_number(text);
  if (!value || *value == 0 || *value > static_cast<std::uint64_t>(INT64_MAX))
    return {std::nullopt, error_response(404, "NOT_FOUND", "no " + std::string(what) + " " + text)};
  return {static_cast<std::int64_t>(*value), std::nullopt};
}

Parsed<std::size_t> query_number(const RouteMatch& match, const std::string& key,
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

std::optional<std::string> query_text(const RouteMatch& match, const std::string& key) {
  const auto found = match.query.find(key);
  if (found == match.query.end()) return std::nullopt;
  return found->second;
}

ApiResponse bad_field(const std::string& message) {
  return error_response(400, "BAD_FIELD", message);
}

ApiResponse no_content() {
  ApiResponse response;
  response.status = 204;
  return response;
}

ApiResponse error_response_for(const base::Error& error, std::span<const ErrorMapping> mappings) {
  for (const auto& mapping : mappings)
    if (error.code == mapping.code)
      return error_response(mapping.status, mapping.api_code, error.message);
  auto message = error.message;
  if (!error.remedy.empty()) message += " (" + error.remedy + ")";
  return error_response(500, "STORE_ERROR", message);
}

}  // namespace postern::control
