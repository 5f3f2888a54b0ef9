#include "runtime/cookies/cookie_header.hpp"

#include "runtime/cookies/ascii.hpp"

namespace postern::cookies {

std::vector<CookiePair> parse_cookie_header(std::string_view header) {
  std::vector<CookiePair> pairs;
  while (!header.empty()) {
    const auto semicolon = header.find(';');
    const std::string_view item = ascii::trim_wsp(header.substr(0, semicolon));
    header =
        semicolon == std::string_view::npos ? std::string_view{} : header.substr(semicolon + 1);
    if (item.empty()) continue;
    if (const auto eq = item.find('='); eq == std::string_view::npos) {
      pairs.push_back({"", std::string(item)});
    } else {
      pairs.push_back({std::string(ascii::trim_wsp(item.substr(0, eq))),
                       std::string(ascii::trim_wsp(item.substr(eq + 1)))});
    }
  }
  return pairs;
}

std::string format_cookie_header(const std::vector<Cookie>& cookies) {
  std::string header;
  for (const Cookie& cookie : cookies) {
    if (!header.empty()) header += "; ";
    if (!cookie.name.empty()) header += cookie.name + "=";
    header += cookie.value;
  }
  return header;
}

}  // namespace postern::cookies
