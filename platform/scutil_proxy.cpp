#include "platform/scutil_proxy.hpp"

#include <algorithm>
#include <map>
#include <sstream>

namespace postern::platform {

namespace {

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == text.npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

struct ScutilKeys {
  std::map<std::string, std::string> values;  // top-level "Key : value"
  std::vector<std::string> exceptions;        // ExceptionsList's items
};

// Walks the nesting: depth 1 is the top dictionary; an <array> under ExceptionsList is kept,
// everything deeper (per-interface __SCOPED__ copies) is skipped.
ScutilKeys scan(std::string_view output) {
  ScutilKeys keys;
  std::istringstream lines{std::string(output)};
  int depth = 0;
  bool in_exceptions = false;
  for (std::string raw; std::getline(lines, raw);) {
    const std::string line = trimmed(raw);
    if (line == "}") {
      depth = std::max(0, depth - 1);
      in_exceptions = false;
      continue;
    }
    const auto colon = line.find(" : ");
    const bool opens = !line.empty() && line.back() == '{';
    if (colon == line.npos) {
      if (opens) ++depth;  // "<dictionary> {" on a line of its own
      continue;
    }
    const std::string key = trimmed(line.substr(0, colon));
    const std::string value = trimmed(line.substr(colon + 3));
    if (in_exceptions && depth == 2) keys.exceptions.push_back(value);
    if (opens) {
      ++depth;
      in_exceptions = depth == 2 && key == "ExceptionsList";
    } else if (depth == 1) {
      keys.values[key] = value;
    }
  }
  return keys;
}

std::string enabled_entry(const ScutilKeys& keys, const std::string& prefix) {
  auto value = [&](const std::string& key) {
    auto found = keys.values.find(prefix + key);
    return found == keys.values.end() ? std::string() : found->second;
  };
  if (value("Enable") != "1" || value("Proxy").empty()) return "";
  const std::string port = value("Port");
  return value("Proxy") + (port.empty() ? "" : ":" + port);
}

}  // namespace

std::string expand_short_ipv4_network(std::string_view entry) {
  const auto slash = entry.find('/');
  if (slash == entry.npos) return std::string(entry);
  std::string address(entry.substr(0, slash));
  if (address.empty() || address.find_first_not_of("0123456789.") != address.npos)
    return std::string(entry);
  const auto dots = std::count(address.begin(), address.end(), '.');
  for (auto i = dots; i < 3; ++i)
    address += ".0";
  return address + std::string(entry.substr(slash));
}

DesktopProxy parse_scutil_proxy(std::string_view output) {
  const ScutilKeys keys = scan(output);
  auto flag = [&](const char* key) {
    auto found = keys.values.find(key);
    return found != keys.values.end() && found->second == "1";
  };
  DesktopProxy proxy;
  proxy.source = kScutilProxySource;
  if (flag("ProxyAutoConfigEnable")) {
    auto url = keys.values.find("ProxyAutoConfigURLString");
    if (url != keys.values.end()) proxy.pac_url = url->second;
  }
  proxy.auto_detect = flag("ProxyAutoDiscoveryEnable");
  proxy.http = enabled_entry(keys, "HTTP");
  proxy.https = enabled_entry(keys, "HTTPS");
  if (auto socks = enabled_entry(keys, "SOCKS"); !socks.empty()) proxy.socks = "socks5h://" + socks;
  for (const auto& entry : keys.exceptions)
    proxy.bypass.push_back(expand_short_ipv4_network(entry));
  proxy.bypass_simple_hosts = flag("ExcludeSimpleHostnames");
  return proxy;
}

}  // namespace postern::platform
