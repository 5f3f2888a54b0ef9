#include "cli/runtime_cookie_access.hpp"

#include "runtime/control/client/cookie_api.hpp"

namespace postern::cli {

std::string RuntimeCookieAccess::cookie_header_for(const std::string& url) {
  auto header = control_client::CookieApi(*api_).header_for(url);
  return header ? header.value() : std::string();
}

std::size_t RuntimeCookieAccess::store(const std::string& url,
                                       const std::vector<std::string>& set_cookies) {
  std::size_t stored = 0;
  control_client::CookieApi jar(*api_);
  // Refused lines (a public-suffix Domain, a Secure cookie over http) are skipped, as a browser
  // skips them; the response itself stands.
  for (const auto& line : set_cookies)
    stored += jar.add(url, line) ? 1 : 0;
  return stored;
}

bool RuntimeCookieAccess::reachable() {
  return static_cast<bool>(control_client::CookieApi(*api_).header_for("http://postern.invalid/"));
}

}  // namespace postern::cli
