#include "base/url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace postern::base {

namespace {

Error bad_url(std::string_view url, const std::string& why) {
  return Error{std::make_error_code(std::errc::invalid_argument),
               "\"" + std::string(url) + "\" is not a usable URL: " + why,
               "write it as scheme://host[:port]/path, e.g. https://example.com/"};
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool valid_scheme(std::string_view scheme) {
  if (scheme.empty() || !std::isalpha(static_cast<unsigned char>(scheme.front()))) return false;
  return std::all_of(scheme.begin(), scheme.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '+' || c == '-' || c == '.';
  });
}

// RFC 3986 reg-name characters we accept in a host (no percent-escapes: nobody types them).
bool valid_host_char(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

std::uint16_t default_port(std::string_view scheme) {
  if (scheme == "http" || scheme == "ws") return 80;
  if (scheme == "https" || scheme == "wss") return 443;
  return 0;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode(std::string_view text, bool plus_as_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (plus_as_space && text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

std::string percent_decode(std::string_view text) {
  return decode(text, /*plus_as_space=*/false);
}

std::string form_decode(std::string_view text) {
  return decode(text, /*plus_as_space=*/true);
}

Result<UrlParts> parse_url(std::string_view url) {
  const auto colon = url.find("://");
  if (colon == std::string_view::npos)
    return bad_url(url, "it has no scheme (http:// or https://)");
  UrlParts parts;
  parts.scheme = lower(url.substr(0, colon));
  if (!valid_scheme(parts.scheme)) return bad_url(url, "the scheme is not valid");
  std::string_view rest = url.substr(colon + 3);
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    const std::string_view user_info = authority.substr(0, at);
    const auto split = user_info.find(':');
    parts.username = percent_decode(user_info.substr(0, split));
    if (split != std::string_view::npos)
      parts.password = percent_decode(user_info.substr(split + 1));
    authority.remove_prefix(at + 1);
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return bad_url(url, "an IPv6 address has no closing ]");
    parts.host = lower(authority.substr(1, close - 1));
    parts.ipv6 = true;
    if (parts.host.empty() ||
        parts.host.find_first_not_of("0123456789abcdef:.") != std::string::npos)
      return bad_url(url, "the IPv6 address is not valid");
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return bad_url(url, "text after the IPv6 address");
    if (!after.empty()) port_text = after.substr(1);
  } else {
    const auto port_colon = authority.rfind(':');
    parts.host = lower(authority.substr(0, port_colon));
    if (port_colon != std::string_view::npos) port_text = authority.substr(port_colon + 1);
    if (!std::all_of(parts.host.begin(), parts.host.end(), valid_host_char))
      return bad_url(url, "the host has characters a host name cannot have");
  }
  if (parts.host.empty()) return bad_url(url, "the host is empty");
  parts.port = default_port(parts.scheme);
  if (!port_text.empty()) {
    unsigned value = 0;
    const auto [end, error] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (error != std::errc{} || end != port_text.data() + port_text.size() || value == 0 ||
        value > 65535)
      return bad_url(url, "the port is not a number from 1 to 65535");
    parts.port = static_cast<std::uint16_t>(value);
  }
  return parts;
}

std::string authority_of(const UrlParts& parts) {
  const std::string host = parts.ipv6 ? "[" + parts.host + "]" : parts.host;
  return parts.port ? host + ":" + std::to_string(parts.port) : host;
}

std::string redact_credentials(std::string_view url) {
  const auto scheme_end = url.find("://");
  const std::size_t start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  const auto authority_end = url.find_first_of("/?#", start);
  const auto at = url.substr(0, authority_end).rfind('@');
  if (at == std::string_view::npos || at < start) return std::string(url);
  const auto colon = url.substr(start, at - start).find(':');
  if (colon == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, start + colon + 1)) + "***" + std::string(url.substr(at));
}

}  // namespace postern::base
