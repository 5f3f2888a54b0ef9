#include "platform/system_proxy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <vector>

namespace postern::platform {

namespace {

using Address = std::array<unsigned char, 16>;  // IPv4 addresses use the first 4 bytes

struct Ip {
  Address bytes{};
  int bits = 0;  // 32 or 128
};

std::optional<unsigned> number(std::string_view text, int base, unsigned max) {
  unsigned value = 0;
  if (text.empty()) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
  if (error != std::errc{} || end != text.data() + text.size() || value > max) return std::nullopt;
  return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::optional<Ip> parse_ipv4(std::string_view text) {
  const auto parts = split(text, '.');
  if (parts.size() != 4) return std::nullopt;
  Ip ip{{}, 32};
  for (std::size_t i = 0; i < 4; ++i) {
    if (parts[i].size() > 3) return std::nullopt;
    auto value = number(parts[i], 10, 255);
    if (!value) return std::nullopt;
    ip.bytes[i] = static_cast<unsigned char>(*value);
  }
  return ip;
}

// Eight groups of hex, with at most one "::" standing for the zero groups left out.
std::optional<Ip> parse_ipv6(std::string_view text) {
  const auto gap = text.find("::");
  if (gap != std::string_view::npos && text.find("::", gap + 1) != std::string_view::npos)
    return std::nullopt;
  auto groups_of = [](std::string_view side) -> std::optional<std::vector<unsigned>> {
    std::vector<unsigned> groups;
    if (side.empty()) return groups;
    for (auto group : split(side, ':')) {
      if (group.size() > 4) return std::nullopt;
      auto value = number(group, 16, 0xffff);
      if (!value) return std::nullopt;
      groups.push_back(*value);
    }
    return groups;
  };
  auto head = groups_of(gap == std::string_view::npos ? text : text.substr(0, gap));
  auto tail = groups_of(gap == std::string_view::npos ? "" : text.substr(gap + 2));
  if (!head || !tail) return std::nullopt;
  const std::size_t given = head->size() + tail->size();
  if (gap == std::string_view::npos ? given != 8 : given > 7) return std::nullopt;
  std::vector<unsigned> all = *head;
  all.resize(8 - tail->size(), 0);
  all.insert(all.end(), tail->begin(), tail->end());
  Ip ip{{}, 128};
  for (std::size_t i = 0; i < 8; ++i) {
    ip.bytes[2 * i] = static_cast<unsigned char>(all[i] >> 8);
    ip.bytes[2 * i + 1] = static_cast<unsigned char>(all[i] & 0xff);
  }
  return ip;
}

std::optional<Ip> parse_ip(std::string_view text) {
  if (text.size() > 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  return text.find(':') == std::string_view::npos ? parse_ipv4(text) : parse_ipv6(text);
}

bool same_prefix(const Ip& a, const Ip& b, int bits) {
  for (int i = 0; i < bits; ++i) {
    const int mask = 0x80 >> (i % 8);
    if ((a.bytes[i / 8] & mask) != (b.bytes[i / 8] & mask)) return false;
  }
  return true;
}

std::string lower_trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// An entry's optional ":port" (not for bare IPv6, whose colons are the address).
std::string_view strip_port(std::string_view entry, std::optional<unsigned>& port) {
  const auto colon = entry.rfind(':');
  if (colon == std::string_view::npos) return entry;
  const bool bracketed = entry.front() == '[';
  if (!bracketed && entry.find(':') != colon) return entry;  // a bare IPv6 address
  if (bracketed && (colon == 0 || entry[colon - 1] != ']')) return entry;
  port = number(entry.substr(colon + 1), 10, 65535);
  return entry.substr(0, colon);
}

// `target_ip` is the target's host parsed once per list (nullopt for a name).
bool entry_matches(std::string_view entry, const base::UrlParts& target,
                   const std::optional<Ip>& target_ip) {
  std::optional<unsigned> port;
  entry = strip_port(entry, port);
  if (port && *port != target.port) return false;
  const auto slash = entry.find('/');
  if (auto ip = parse_ip(entry.substr(0, slash)); ip) {
    if (!target_ip || target_ip->bits != ip->bits) return false;
    int bits = ip->bits;
    if (slash != std::string_view::npos) {
      auto given = number(entry.substr(slash + 1), 10, static_cast<unsigned>(ip->bits));
      if (!given) return false;
      bits = static_cast<int>(*given);
    }
    return same_prefix(*ip, *target_ip, bits);
  }
  if (slash != std::string_view::npos || target_ip) return false;
  if (entry.rfind("*.", 0) == 0) entry.remove_prefix(1);
  if (!entry.empty() && entry.front() == '.') entry.remove_prefix(1);
  if (entry.empty()) return false;
  const std::string_view host = target.host;
  return host == entry || (host.size() > entry.size() && host.ends_with(entry) &&
                           host[host.size() - entry.size() - 1] == '.');
}

std::optional<std::pair<std::string, std::string>> first_set(
    const base::Environment& env, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (auto value = env(name); value) return std::pair{std::string(name), *value};
  return std::nullopt;
}

}  // namespace

std::string bypass_rule_for(std::string_view rules, const base::UrlParts& target) {
  std::string list(rules);
  std::replace_if(
      list.begin(), list.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); },
      ',');
  const auto target_ip = parse_ip(target.host);
  for (auto raw : split(list, ',')) {
    const std::string entry = lower_trimmed(raw);
    if (entry.empty()) continue;
    if (entry == "*" || entry_matches(entry, target, target_ip)) return entry;
  }
  return "";
}

std::string with_proxy_scheme(std::string_view proxy) {
  if (proxy.find("://") != std::string_view::npos) return std::string(proxy);
  return "http://" + std::string(proxy);
}

bool environment_sets_proxy(const base::Environment& env) {
  const bool cgi = env("REQUEST_METHOD").has_value();
  for (const char* name : {"http_proxy", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
    if (env(name)) return true;
  return !cgi && env("HTTP_PROXY").has_value();
}

ProxyRoute environment_proxy_for(const base::Environment& env, const base::UrlParts& target) {
  ProxyRoute route;
  if (auto no_proxy = first_set(env, {"no_proxy", "NO_PROXY"}); no_proxy) {
    route.bypass_rule = bypass_rule_for(no_proxy->second, target);
    if (!route.bypass_rule.empty()) {
      route.source = no_proxy->first + " has \"" + route.bypass_rule + "\"";
      return route;
    }
  }
  std::optional<std::pair<std::string, std::string>> chosen;
  if (target.scheme == "https" || target.scheme == "wss") {
    chosen = first_set(env, {"https_proxy", "HTTPS_PROXY"});
  } else if (target.scheme == "http" || target.scheme == "ws") {
    chosen = env("REQUEST_METHOD") ? first_set(env, {"http_proxy"})
                                   : first_set(env, {"http_proxy", "HTTP_PROXY"});
  }
  if (!chosen) chosen = first_set(env, {"all_proxy", "ALL_PROXY"});
  if (!chosen) {
    route.source = "no proxy variable is set";
    return route;
  }
  route.direct = false;
  route.proxy_url = with_proxy_scheme(chosen->second);
  route.source = chosen->first;
  return route;
}

}  // namespace postern::platform
