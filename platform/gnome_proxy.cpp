#include "platform/gnome_proxy.hpp"

#include <charconv>
#include <map>
#include <sstream>

namespace postern::platform {

namespace {

// gsettings answers at once; a hung D-Bus session must not hang `postern proxy explain`.
constexpr std::chrono::seconds kGsettingsTimeout{10};

// The variables that decide which settings gsettings reads: the user's home and XDG folders,
// the backend (dconf over the session bus, or a keyfile), and where the schemas are.
constexpr const char* kPassedVariables[] = {"HOME",
                                            "XDG_CONFIG_HOME",
                                            "XDG_DATA_DIRS",
                                            "XDG_RUNTIME_DIR",
                                            "GSETTINGS_BACKEND",
                                            "GSETTINGS_SCHEMA_DIR",
                                            "DBUS_SESSION_BUS_ADDRESS"};

using Values = std::map<std::string, std::string, std::less<>>;  // "http.host" -> raw value

// Reads one quoted GVariant string starting at text[0]; `used` gets the characters consumed.
std::string read_quoted(std::string_view text, std::size_t& used) {
  const char quote = text.front();
  std::string out;
  std::size_t i = 1;
  for (; i < text.size() && text[i] != quote; ++i) {
    if (text[i] == '\\' && i + 1 < text.size()) {
      const char next = text[++i];
      out += next == 'n' ? '\n' : next == 't' ? '\t' : next;
    } else {
      out += text[i];
    }
  }
  used = i < text.size() ? i + 1 : i;
  return out;
}

std::string host_port(const Values& values, std::string_view group) {
  const std::string prefix(group);
  auto host = values.find(prefix + ".host");
  auto port = values.find(prefix + ".port");
  if (host == values.end() || port == values.end()) return "";
  const std::string name = gvariant_string(host->second);
  unsigned number = 0;
  const auto& text = port->second;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (name.empty() || error != std::errc{} || number == 0 || number > 65535) return "";
  const bool ipv6 = name.find(':') != std::string::npos && name.front() != '[';
  return (ipv6 ? "[" + name + "]" : name) + ":" + std::to_string(number);
}

std::string value_of(const Values& values, std::string_view key) {
  auto found = values.find(key);
  return found == values.end() ? "" : gvariant_string(found->second);
}

}  // namespace

std::string gvariant_string(std::string_view value) {
  if (value.empty() || (value.front() != '\'' && value.front() != '"')) return std::string(value);
  std::size_t used = 0;
  return read_quoted(value, used);
}

std::vector<std::string> gvariant_string_array(std::string_view value) {
  std::vector<std::string> out;
  if (value.rfind("@as ", 0) == 0) value.remove_prefix(4);
  if (value.empty() || value.front() != '[') return out;
  std::size_t i = 1;
  while (i < value.size() && value[i] != ']') {
    if (value[i] == '\'' || value[i] == '"') {
      std::size_t used = 0;
      out.push_back(read_quoted(value.substr(i), used));
      i += used;
    } else {
      ++i;  // ", " between items
    }
  }
  return out;
}

DesktopProxy parse_gsettings_proxy(std::string_view output) {
  constexpr std::string_view kSchema = "org.gnome.system.proxy";
  Values values;
  std::istringstream lines{std::string(output)};
  for (std::string line; std::getline(lines, line);) {
    // "org.gnome.system.proxy.http host 'proxy.lan'": schema, key, value.
    const auto first = line.find(' ');
    const auto second = first == line.npos ? line.npos : line.find(' ', first + 1);
    if (second == line.npos || line.rfind(kSchema, 0) != 0) continue;
    std::string group = line.substr(kSchema.size(), first - kSchema.size());
    if (!group.empty() && group.front() == '.') group.erase(0, 1);
    const std::string key = line.substr(first + 1, second - first - 1);
    values[group.empty() ? key : group + "." + key] = line.substr(second + 1);
  }
  DesktopProxy proxy;
  proxy.source = kGnomeProxySource;
  const std::string mode = value_of(values, "mode");
  if (mode == "auto") {
    proxy.pac_url = value_of(values, "autoconfig-url");
    proxy.auto_detect = proxy.pac_url.empty();  // GNOME's "automatic" without a URL is WPAD
  } else if (mode == "manual") {
    proxy.http = host_port(values, "http");
    proxy.https = host_port(values, "https");
    proxy.socks = host_port(values, "socks");
    if (auto hosts = values.find("ignore-hosts"); hosts != values.end())
      proxy.bypass = gvariant_string_array(hosts->second);
    if (value_of(values, "http.use-authentication") == "true") {
      proxy.username = value_of(values, "http.authentication-user");
      proxy.password = value_of(values, "http.authentication-password");
    }
  }
  return proxy;
}

DesktopProxy read_gnome_proxy(const base::Environment& env, CommandRunner& runner) {
  DesktopProxy proxy;
  proxy.source = kGnomeProxySource;
  if (!runner.find_tool("gsettings")) {
    proxy.problem = "gsettings is not installed (the libglib2.0-bin package)";
    return proxy;
  }
  Command command;
  command.argv = {"gsettings", "list-recursively", "org.gnome.system.proxy"};
  command.timeout = kGsettingsTimeout;
  for (const char* name : kPassedVariables)
    if (auto value = env(name)) command.extra_env[name] = *value;
  const CommandResult result = runner.run(command);
  // The output holds the proxy password: it is parsed, never copied into a message.
  if (!result.succeeded()) {
    proxy.problem = result.output.rfind("No such schema", 0) == 0
                        ? "GNOME's proxy schema is not installed (gsettings-desktop-schemas)"
                        : "`gsettings list-recursively org.gnome.system.proxy` failed (exit " +
                              std::to_string(result.exit_code) + ")";
    return proxy;
  }
  return parse_gsettings_proxy(result.output);
}

}  // namespace postern::platform
