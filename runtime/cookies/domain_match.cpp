#include "runtime/cookies/domain_match.hpp"

#include <algorithm>

#include "runtime/cookies/ascii.hpp"

namespace postern::cookies {

namespace {

bool is_ipv4(std::string_view host) {
  int parts = 0;
  std::size_t at = 0;
  while (true) {
    std::size_t digits = 0;
    int value = 0;
    while (at < host.size() && ascii::is_digit(host[at]) && digits < 4) {
      value = value * 10 + (host[at++] - '0');
      ++digits;
    }
    if (digits == 0 || digits > 3 || value > 255) return false;
    ++parts;
    if (at == host.size()) return parts == 4;
    if (host[at++] != '.' || parts == 4) return false;
  }
}

std::string_view without_brackets(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    return host.substr(1, host.size() - 2);
  return host;
}

}  // namespace

std::string canonical_host(std::string_view host) {
  return ascii::to_lower(without_brackets(host));
}

bool is_host_text(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || ascii::is_digit(c) || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == ':' || byte >= 0x80;
  });
}

bool is_ip_address(std::string_view host) {
  host = without_brackets(host);
  // Any ':' makes it an IPv6 literal: a DNS name never contains one.
  return is_ipv4(host) || host.find(':') != std::string_view::npos;
}

bool domain_match(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  if (domain.empty() || host.size() <= domain.size() || is_ip_address(host)) return false;
  return host.ends_with(domain) && host[host.size() - domain.size() - 1] == '.';
}

bool is_loopback_host(std::string_view host) {
  host = without_brackets(host);
  if (host == "localhost" || host.ends_with(".localhost")) return true;
  if (host == "::1") return true;
  return is_ipv4(host) && host.starts_with("127.");
}

}  // namespace postern::cookies
