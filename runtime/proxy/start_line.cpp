#include "runtime/proxy/start_line.hpp"

#include "runtime/proxy/errc.hpp"
#include "runtime/proxy/http_grammar.hpp"

namespace postern::proxy {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// A version that looks like "HTTP/<digit>.<digit>" with another major is not unsupported
// because it is malformed; tell the two apart so HTTP/2.0 gets 505, not 400.
std::error_code check_version(std::string_view text, HttpVersion& out) {
  auto version = parse_http_version(text);
  if (!version) return errc::bad_version;
  if (version->major != 1) return errc::version_not_supported;
  out = *version;
  return {};
}

}  // namespace

std::optional<HttpVersion> parse_http_version(std::string_view text) {
  if (text.size() != 8 || text.substr(0, 5) != "HTTP/" || !is_digit(text[5]) || text[6] != '.' ||
      !is_digit(text[7]))
    return std::nullopt;
  return HttpVersion{text[5] - '0', text[7] - '0'};
}

std::error_code parse_request_line(std::string_view line, RequestHead& head) {
  const auto first = line.find(' ');
  if (first == std::string_view::npos) return errc::bad_start_line;
  const auto second = line.find(' ', first + 1);
  if (second == std::string_view::npos || line.find(' ', second + 1) != std::string_view::npos)
    return errc::bad_start_line;
  const std::string_view method = line.substr(0, first);
  const std::string_view target = line.substr(first + 1, second - first - 1);
  const std::string_view version = line.substr(second + 1);
  if (!is_token(method)) return errc::bad_start_line;
  if (auto error = check_version(version, head.version)) return error;
  head.method.assign(method);
  return parse_request_target(method, target, head.target);
}

std::error_code parse_status_line(std::string_view line, ResponseHead& head) {
  const auto space = line.find(' ');
  if (auto error = check_version(line.substr(0, space), head.version)) return error;
  if (space == std::string_view::npos) return errc::bad_start_line;
  const std::string_view rest = line.substr(space + 1);
  if (rest.size() < 3 || !is_digit(rest[0]) || !is_digit(rest[1]) || !is_digit(rest[2]) ||
      rest[0] == '0')
    return errc::bad_start_line;
  if (rest.size() > 3 && rest[3] != ' ') return errc::bad_start_line;
  const std::string_view reason = rest.size() > 3 ? rest.substr(4) : std::string_view();
  if (!is_valid_field_value(reason)) return errc::bad_start_line;  // same characters as a value
  head.status = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
  head.reason.assign(reason);
  return {};
}

}  // namespace postern::proxy
