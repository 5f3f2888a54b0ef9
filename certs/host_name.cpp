#include "certs/host_name.hpp"

#ifdef _WIN32
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#endif

#include <algorithm>
#include <array>

#include "certs/errc.hpp"

namespace postern::certs {

namespace {

// RFC 1035 section 2.3.4: a label is at most 63 octets and a name at most 255 on the wire, which
// is 253 characters in dotted text without the trailing dot.
constexpr std::size_t kMaxLabel = 63;
constexpr std::size_t kMaxName = 253;
// The longest input that can still normalise to a valid name: 253 characters plus a trailing
// dot, or brackets around an IPv6 literal. Anything longer is rejected before it is copied.
constexpr std::size_t kMaxInput = kMaxName + 3;

// Second-level labels that registries under country codes hand out (co.uk, com.au, ac.jp, ...).
// Chromium refuses a wildcard whose remainder is an ICANN registry-controlled domain
// (X509Certificate::VerifyHostname), so "*.co.uk" would not cover "shop.co.uk" there and a leaf
// minted for "bbc.co.uk" must not be reused for a sibling. Without the Public Suffix List this
// covers the common cases; a suffix missing here (rare ones such as gc.ca) would hand Chrome a
// reused sibling leaf it rejects.
constexpr std::array<std::string_view, 17> kCountrySecondLevel = {
    "ac", "co",  "com", "edu", "go", "gob", "gov", "ltd", "mil",
    "ne", "net", "nic", "nom", "or", "org", "plc", "sch"};

bool valid_label_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool valid_dns_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxName) return false;
  std::size_t label = 0;
  for (char c : name) {
    if (c == '.') {
      if (label == 0) return false;  // empty label: leading dot or ".."
      label = 0;
      continue;
    }
    if (!valid_label_char(c) || ++label > kMaxLabel) return false;
  }
  return label > 0;
}

// A printable, bounded copy of untrusted input for an error message.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text.substr(0, 80))
    out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (text.size() > 80) out += "...";
  return out + "\"";
}

bool parse_ip(const std::string& text, HostName& host) {
  unsigned char octets[16];
  if (inet_pton(AF_INET, text.c_str(), octets) == 1) {
    host.name = text;
    host.ip_octets.assign(reinterpret_cast<char*>(octets), 4);
    return true;
  }
  char canonical[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET6, text.c_str(), octets) == 1 &&
      inet_ntop(AF_INET6, octets, canonical, sizeof canonical) != nullptr) {
    host.name = canonical;  // "0:0::1" and "::1" must share one cache key
    host.ip_octets.assign(reinterpret_cast<char*>(octets), 16);
    return true;
  }
  return false;
}

bool looks_like_public_suffix(std::string_view parent) {
  const auto dot = parent.find('.');
  if (dot == std::string_view::npos || parent.find('.', dot + 1) != std::string_view::npos) {
    return false;  // only two-label parents ("co.uk") are checked
  }
  const std::string_view second = parent.substr(0, dot);
  const std::string_view top = parent.substr(dot + 1);
  return top.size() == 2 && std::find(kCountrySecondLevel.begin(), kCountrySecondLevel.end(),
                                      second) != kCountrySecondLevel.end();
}

}  // namespace

base::Result<HostName> normalize_host(std::string_view host) {
  const std::string shown = quoted(host);
  auto invalid = [&shown] {
    return base::Error{make_error_code(errc::invalid_host),
                       shown + " is not a DNS name or IP address",
                       "check the host name the client asked for"};
  };
  if (host.size() > kMaxInput) return invalid();
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);  // the root label
  std::string text(host);
  std::transform(text.begin(), text.end(), text.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
  HostName result;
  if (parse_ip(text, result)) return result;
  if (!valid_dns_name(text)) return invalid();
  result.name = std::move(text);
  return result;
}

std::string wildcard_for(const HostName& host) {
  if (host.is_ip()) return "";  // RFC 6125 section 6.4.3: wildcards match DNS names only
  const auto dot = host.name.find('.');
  if (dot == std::string::npos) return "";
  const std::string_view parent = std::string_view(host.name).substr(dot + 1);
  // "*.com" is never honoured by clients (RFC 6125 section 7.2), so the parent needs two labels.
  if (parent.find('.') == std::string_view::npos || looks_like_public_suffix(parent)) return "";
  return "*." + std::string(parent);
}

}  // namespace postern::certs
