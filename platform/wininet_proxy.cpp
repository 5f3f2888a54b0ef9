#include "platform/wininet_proxy.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "base/ascii.hpp"

namespace postern::platform {

namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + ";") {
    if (c == ';' || std::isspace(static_cast<unsigned char>(c))) {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
}

}  // namespace

DesktopProxy wininet_proxy_from(const WinInetSettings& settings) {
  DesktopProxy proxy;
  proxy.source = kWinInetProxySource;
  proxy.auto_detect = settings.auto_detect;
  proxy.pac_url = settings.auto_config_url;
  for (const auto& entry : split_list(settings.proxy)) {
    const auto equals = entry.find('=');
    if (equals == std::string::npos) {  // one proxy for every scheme
      proxy.http = proxy.https = entry;
      continue;
    }
    const std::string scheme = base::ascii_lower(entry.substr(0, equals));
    const std::string server = entry.substr(equals + 1);
    if (scheme == "http") proxy.http = server;
    if (scheme == "https") proxy.https = server;
    if (scheme == "socks" && !server.empty())
      proxy.socks = server.find("://") == std::string::npos ? "socks4://" + server : server;
  }
  for (const auto& entry : split_list(settings.bypass)) {
    if (base::ascii_lower(entry) == "<local>")
      proxy.bypass_simple_hosts = true;
    else
      proxy.bypass.push_back(entry);
  }
  return proxy;
}

}  // namespace postern::platform
