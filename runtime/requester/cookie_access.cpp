#include "runtime/requester/cookie_access.hpp"

#include "runtime/cookies/request_context.hpp"

namespace postern::requester {

std::string JarCookieAccess::cookie_header_for(const std::string& url) {
  auto context = cookies::request_context_from_url(url);
  if (!context) return {};
  return service_.jar().cookie_header_for(context.value());
}

std::size_t JarCookieAccess::store(const std::string& url,
                                   const std::vector<std::string>& set_cookies) {
  auto context = cookies::request_context_from_url(url);
  if (!context || set_cookies.empty()) return 0;
  std::size_t stored = 0;
  for (const auto& line : set_cookies) {
    if (service_.jar().store(context.value(), line)) ++stored;
  }
  // A cookie the server set must survive the process; a failed save is not the request's
  // failure, and the next store tries again.
  (void)service_.save_if_changed();
  return stored;
}

}  // namespace postern::requester
