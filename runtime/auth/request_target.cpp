#include "runtime/auth/request_target.hpp"

#include <charconv>

#include "base/ascii.hpp"
#include "runtime/auth/errc.hpp"

namespace postern::auth {
namespace {

base::Error bad_url(std::string_view url, std::string_view why) {
  return base::Error{errc::bad_url, "cannot sign \"" + std::string(url) + "\": " + std::string(why),
                     "use an absolute http:// or https:// URL"};
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

base::Result<RequestTarget> split_request_target(std::string_view url) {
  RequestTarget target;
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return bad_url(url, "no scheme");
  target.scheme = base::ascii_lower(url.substr(0, scheme_end));
  if (target.scheme != "http" && target.scheme != "https") return bad_url(url, "not http(s)");
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find('#'));
  auto authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view after =
      authority_end == std::string_view::npos ? "" : rest.substr(authority_end);
  if (auto at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string_view port_text;
  if (authority.starts_with('[')) {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return bad_url(url, "unclosed IPv6 literal");
    target.host = base::ascii_lower(authority.substr(1, close - 1));
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return bad_url(url, "junk after the IPv6 literal");
      port_text = authority.substr(close + 2);
    }
  } else {
    auto colon = authority.find(':');
    target.host = base::ascii_lower(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  if (target.host.empty()) return bad_url(url, "no host");
  target.port = target.scheme == "https" ? 443 : 80;
  if (!port_text.empty()) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || value == 0 ||
        value > 65535) {
      return bad_url(url, "bad port");
    }
    target.port = static_cast<std::uint16_t>(value);
    target.explicit_port = true;
  }
  auto question = after.find('?');
  target.path = std::string(after.substr(0, question));
  if (target.path.empty()) target.path = "/";
  if (question != std::string_view::npos) target.query = std::string(after.substr(question + 1));
  return target;
}

std::string host_header_value(const RequestTarget& target) {
  std::string host =
      target.host.find(':') != std::string::npos ? "[" + target.host + "]" : target.host;
  bool default_port = (target.scheme == "https" && target.port == 443) ||
                      (target.scheme == "http" && target.port == 80);
  if (!default_port) host += ":" + std::to_string(target.port);
  return host;
}

std::vector<std::pair<std::string, std::string>> split_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    if (!piece.empty()) {
      auto eq = piece.find('=');
      pairs.emplace_back(std::string(piece.substr(0, eq)),
                         eq == std::string_view::npos ? "" : std::string(piece.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return pairs;
}

std::string percent_encode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (is_unreserved(c) || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0x0f];
    }
  }
  return out;
}

std::string append_query(std::string_view url, std::string_view encoded_pair) {
  std::string_view fragment;
  if (auto hash = url.find('#'); hash != std::string_view::npos) {
    fragment = url.substr(hash);
    url = url.substr(0, hash);
  }
  std::string out(url);
  if (out.find('?') == std::string::npos) {
    out += '?';
  } else if (out.back() != '?' && out.back() != '&') {
    out += '&';
  }
  out += encoded_pair;
  out += fragment;
  return out;
}

std::string quote_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

std::string with_target(std::string_view url, std::string_view path, std::string_view query) {
  std::string_view fragment;
  if (auto hash = url.find('#'); hash != std::string_view::npos) {
    fragment = url.substr(hash);
    url = url.substr(0, hash);
  }
  auto authority = url.find("://");
  authority = authority == std::string_view::npos ? 0 : authority + 3;
  std::string out(url.substr(0, url.find_first_of("/?", authority)));
  out += path;
  if (!query.empty()) out.append("?").append(query);
  out += fragment;
  return out;
}

}  // namespace postern::auth
