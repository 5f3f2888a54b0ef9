#include "runtime/cookies/path_match.hpp"

namespace postern::cookies {

std::string default_path(std::string_view request_path) {
  if (request_path.empty() || request_path.front() != '/') return "/";
  const auto last_slash = request_path.rfind('/');
  if (last_slash == 0) return "/";
  return std::string(request_path.substr(0, last_slash));
}

bool path_match(std::string_view request_path, std::string_view cookie_path) {
  if (request_path == cookie_path) return true;
  if (!request_path.starts_with(cookie_path) || cookie_path.empty()) return false;
  return cookie_path.back() == '/' || request_path[cookie_path.size()] == '/';
}

}  // namespace postern::cookies
