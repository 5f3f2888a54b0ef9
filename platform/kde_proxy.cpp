#include "platform/kde_proxy.hpp"

#include <map>
#include <sstream>

#include "base/files.hpp"

namespace postern::platform {

namespace {

namespace fs = std::filesystem;

// kioslaverc is a few kilobytes; anything bigger is not a KDE config file.
constexpr std::size_t kMaxKioslavercBytes = 1024 * 1024;

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == text.npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

// KDE writes "http://proxy.lan 3128" (host, a space, the port); older files "proxy.lan:3128".
// Its "socks://" means SOCKS v5, which libcurl spells socks5h:// (names resolved by the proxy).
std::string kde_proxy_entry(std::string_view value) {
  std::string entry = trimmed(value);
  if (const auto space = entry.find_last_of(" \t"); space != entry.npos)
    entry = trimmed(entry.substr(0, space)) + ":" + trimmed(entry.substr(space + 1));
  if (entry.rfind("socks://", 0) == 0) entry = "socks5h://" + entry.substr(8);
  return entry;
}

std::vector<std::string> comma_list(std::string_view value) {
  std::vector<std::string> out;
  std::istringstream items{std::string(value)};
  for (std::string item; std::getline(items, item, ',');)
    if (auto entry = trimmed(item); !entry.empty()) out.push_back(entry);
  return out;
}

// The [Proxy Settings] keys, without KDE's "[$e]"-style flags after a key's name.
std::map<std::string, std::string> proxy_group(std::string_view text) {
  std::map<std::string, std::string> keys;
  std::istringstream lines{std::string(text)};
  bool inside = false;
  for (std::string raw; std::getline(lines, raw);) {
    const std::string line = trimmed(raw);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      inside = line == "[Proxy Settings]";
      continue;
    }
    const auto equals = line.find('=');
    if (!inside || equals == line.npos) continue;
    std::string key = trimmed(line.substr(0, equals));
    if (const auto flags = key.find('['); flags != key.npos) key = trimmed(key.substr(0, flags));
    keys[key] = trimmed(line.substr(equals + 1));
  }
  return keys;
}

}  // namespace

fs::path kioslaverc_path(const base::Environment& env) {
  if (auto config = env("XDG_CONFIG_HOME")) return fs::path(*config) / "kioslaverc";
  if (auto home = env("HOME")) return fs::path(*home) / ".config" / "kioslaverc";
  return {};
}

DesktopProxy parse_kioslaverc(std::string_view text, const std::string& origin) {
  auto keys = proxy_group(text);
  DesktopProxy proxy;
  proxy.source = "KDE (" + origin + ")";
  const std::string type = keys["ProxyType"];
  if (type == "1") {
    proxy.http = kde_proxy_entry(keys["httpProxy"]);
    proxy.https = kde_proxy_entry(keys["httpsProxy"]);
    proxy.socks = kde_proxy_entry(keys["socksProxy"]);
    proxy.bypass = comma_list(keys["NoProxyFor"]);
    proxy.bypass_reversed = keys["ReversedException"] == "true";
  } else if (type == "2") {
    proxy.pac_url = keys["Proxy Config Script"];
    proxy.auto_detect = proxy.pac_url.empty();
  } else if (type == "3") {
    proxy.auto_detect = true;
  } else if (type == "4") {
    proxy.use_environment = true;
  }
  return proxy;
}

DesktopProxy read_kde_proxy(const base::Environment& env) {
  const fs::path path = kioslaverc_path(env);
  DesktopProxy proxy;
  proxy.source = "KDE (" + (path.empty() ? std::string("kioslaverc") : path.string()) + ")";
  if (path.empty()) {
    proxy.problem = "neither XDG_CONFIG_HOME nor HOME is set";
    return proxy;
  }
  std::error_code ec;
  if (!fs::exists(path, ec)) return proxy;  // KDE's default: no proxy
  auto text = base::read_file(path, kMaxKioslavercBytes);
  if (!text) {
    proxy.problem = text.error().message;
    return proxy;
  }
  return parse_kioslaverc(text.value(), path.string());
}

}  // namespace postern::platform
