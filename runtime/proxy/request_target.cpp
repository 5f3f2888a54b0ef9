#include "runtime/proxy/request_target.hpp"

#include <algorithm>

#include "runtime/proxy/errc.hpp"
#include "runtime/proxy/http_grammar.hpp"

namespace postern::proxy {

namespace {

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// RFC 3986 reg-name: unreserved / pct-encoded / sub-delims. '%' is checked for its two hex
// digits by valid_reg_name().
bool is_reg_name_char(char c) {
  if (is_alpha(c) || is_digit(c)) return true;
  return std::string_view("-._~!$&'()*+,;=%").find(c) != std::string_view::npos;
}

bool valid_reg_name(std::string_view host) {
  for (std::size_t i = 0; i < host.size(); ++i) {
    if (!is_reg_name_char(host[i])) return false;
    if (host[i] == '%' &&
        (i + 2 >= host.size() || hex_value(host[i + 1]) < 0 || hex_value(host[i + 2]) < 0))
      return false;
  }
  return true;
}

// IPv6 literal inside brackets: hex digits, colons and (for an embedded IPv4 tail) dots. Zone
// identifiers are not accepted: browsers never send them and they only name local interfaces.
bool valid_ipv6(std::string_view host) {
  return host.find(':') != std::string_view::npos &&
         std::all_of(host.begin(), host.end(),
                     [](char c) { return hex_value(c) >= 0 || c == ':' || c == '.'; });
}

// RFC 3986 scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
bool valid_scheme(std::string_view scheme) {
  if (scheme.empty() || !is_alpha(scheme.front())) return false;
  return std::all_of(scheme.begin(), scheme.end(), [](char c) {
    return is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.';
  });
}

// Path and query characters: anything visible, plus obs-text. SP and controls end the target in
// the request line already; '#' is refused because a fragment never belongs in a request.
bool valid_path_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte > 0x20 && byte != 0x7F && c != '#';
}

bool parse_port(std::string_view text, std::uint16_t& port) {
  if (text.empty() || text.size() > 5 || !std::all_of(text.begin(), text.end(), is_digit))
    return false;
  unsigned value = 0;
  for (char c : text)
    value = value * 10 + static_cast<unsigned>(c - '0');
  if (value == 0 || value > 65535) return false;
  port = static_cast<std::uint16_t>(value);
  return true;
}

}  // namespace

std::uint16_t default_port(std::string_view scheme) {
  if (iequals(scheme, "http") || iequals(scheme, "ws")) return 80;
  if (iequals(scheme, "https") || iequals(scheme, "wss")) return 443;
  return 0;
}

std::error_code parse_authority(std::string_view text, bool port_required, Authority& out) {
  std::string_view host = text, port_text;
  bool has_port = false;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return errc::bad_target;
    host = text.substr(1, close - 1);
    const std::string_view after = text.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return errc::bad_target;
      has_port = true;
      port_text = after.substr(1);
    }
    if (!valid_ipv6(host)) return errc::bad_target;
    out.ipv6 = true;
  } else {
    const auto colon = text.rfind(':');
    if (colon != std::string_view::npos) {
      host = text.substr(0, colon);
      port_text = text.substr(colon + 1);
      has_port = true;
    }
    // '@' is not a reg-name character, so userinfo ("user@host") fails here.
    if (host.empty() || !valid_reg_name(host)) return errc::bad_target;
    out.ipv6 = false;
  }
  out.port = 0;
  // "host:" is allowed by RFC 3986 (port = *DIGIT) and means the default port.
  if (has_port && !port_text.empty() && !parse_port(port_text, out.port)) return errc::bad_target;
  if (port_required && out.port == 0) return errc::bad_target;
  out.host = to_lower(host);
  return {};
}

namespace {

std::error_code parse_absolute_form(std::string_view text, RequestTarget& out) {
  const auto separator = text.find("://");
  if (separator == std::string_view::npos || !valid_scheme(text.substr(0, separator)))
    return errc::bad_target;
  const std::string_view rest = text.substr(separator + 3);
  const auto path_start = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, path_start);
  Authority parsed;
  if (auto error = parse_authority(authority, /*port_required=*/false, parsed)) return error;
  const std::string_view path =
      path_start == std::string_view::npos ? std::string_view() : rest.substr(path_start);
  if (!std::all_of(path.begin(), path.end(), valid_path_char)) return errc::bad_target;
  out.form = TargetForm::absolute;
  out.scheme = to_lower(text.substr(0, separator));
  out.authority.assign(authority);
  out.host = std::move(parsed.host);
  out.ipv6 = parsed.ipv6;
  out.port = parsed.port != 0 ? parsed.port : default_port(out.scheme);
  // RFC 9112 §3.2.1: an empty path becomes "/" in origin-form, also before a query.
  out.path_and_query =
      path.empty() || path.front() == '?' ? "/" + std::string(path) : std::string(path);
  return {};
}

}  // namespace

std::error_code parse_request_target(std::string_view method, std::string_view text,
                                     RequestTarget& out) {
  out = RequestTarget{};
  out.text.assign(text);
  if (text.empty()) return errc::bad_target;
  if (method == "CONNECT") {
    Authority parsed;
    if (auto error = parse_authority(text, /*port_required=*/true, parsed)) return error;
    out.form = TargetForm::authority;
    out.authority.assign(text);
    out.host = std::move(parsed.host);
    out.port = parsed.port;
    out.ipv6 = parsed.ipv6;
    return {};
  }
  if (text == "*") {
    if (method != "OPTIONS") return errc::bad_target;
    out.form = TargetForm::asterisk;
    out.path_and_query = "*";
    return {};
  }
  if (text.front() == '/') {
    if (!std::all_of(text.begin(), text.end(), valid_path_char)) return errc::bad_target;
    out.form = TargetForm::origin;
    out.path_and_query.assign(text);
    return {};
  }
  return parse_absolute_form(text, out);
}

}  // namespace postern::proxy
