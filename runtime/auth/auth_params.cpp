#include "runtime/auth/auth_params.hpp"

#include "runtime/auth/errc.hpp"
#include "runtime/auth/http_message.hpp"

namespace postern::auth {

bool AuthParams::has(std::string_view key) const {
  auto found = values_.find(key);
  return found != values_.end() && !found->second.empty();
}

std::string AuthParams::text(std::string_view key, std::string_view fallback) const {
  auto found = values_.find(key);
  if (found == values_.end() || found->second.empty()) return std::string(fallback);
  return found->second;
}

base::Result<std::string> AuthParams::required(std::string_view key,
                                               std::string_view scheme) const {
  if (has(key)) return values_.find(key)->second;
  return base::Error{
      errc::missing_parameter,
      std::string(scheme) + ": the parameter \"" + std::string(key) + "\" is required",
      "set it with --auth-param " + std::string(key) + "=VALUE"};
}

bool AuthParams::flag(std::string_view key, bool fallback) const {
  if (!has(key)) return fallback;
  const std::string& value = values_.find(key)->second;
  if (equals_ignoring_case(value, "true") || value == "1" || equals_ignoring_case(value, "yes")) {
    return true;
  }
  if (equals_ignoring_case(value, "false") || value == "0" || equals_ignoring_case(value, "no")) {
    return false;
  }
  return fallback;
}

base::Error bad_parameter(std::string_view scheme, std::string_view key, std::string_view problem) {
  return base::Error{errc::bad_parameter,
                     std::string(scheme) + ": " + std::string(key) + " " + std::string(problem),
                     {}};
}

}  // namespace postern::auth
