#include "runtime/control/client/runtime_status.hpp"

#include <algorithm>

#include "runtime/control/client/json_view.hpp"

namespace postern::control_client {

using nlohmann::json;

namespace {

// An entry of proxy.addresses: a bare address ("127.0.0.1", "fe80::1") gets the proxy's port,
// an entry that has one ("127.0.0.1:5555", {"host","port"}) is shown as it is.
std::string address_text(const json& entry, const std::string& port) {
  if (entry.is_object()) return text_at(entry, "host") + ":" + scalar_at(entry, "port", port);
  const std::string text = scalar_text(entry, "?");
  const auto colons = std::count(text.begin(), text.end(), ':');
  if (text.empty() || text.front() == '[' || colons == 1) return text;
  return colons > 1 ? "[" + text + "]:" + port : text + ":" + port;
}

ProxyStatus read_proxy(const JsonFields& proxy, const json& status) {
  ProxyStatus out;
  // A runtime whose proxy could not listen names no address and says why in "error".
  (void)proxy.flag_or("listening", true);  // type-checked; the rule is proxy_listening()'s
  out.listening = proxy_listening(status);
  out.host = proxy.text_or("host", "");
  out.port = proxy.integer("port");
  out.lan = proxy.flag_or("lan", false);
  out.addresses = proxy_addresses(status);
  out.intercept = proxy.flag_or("intercept", false);
  out.ca_file = proxy.text_or("ca_file", "");
  out.intercept_off_reason = proxy.text_or("intercept_off_reason", "");
  if (proxy.has("error")) {
    const JsonFields error = proxy.at("error");
    out.problem =
        ProxyProblem{error.text("code"), error.text("message"), error.text_or("remedy", "")};
  }
  return out;
}

}  // namespace

RuntimeStatus read_runtime_status(const JsonFields& fields) {
  RuntimeStatus out;
  out.runtime_version = fields.text("runtime_version");
  out.pid = fields.integer("pid");
  out.started_at = fields.text("started_at");
  out.uptime_s = fields.integer("uptime_s");
  out.socket_clients = fields.integer_or("socket_clients", 0);
  if (fields.has("proxy")) out.proxy = read_proxy(fields.at("proxy"), fields.value());
  return out;
}

base::Result<RuntimeStatus> parse_runtime_status(const json& document) {
  return read_json<RuntimeStatus>(document, read_runtime_status);
}

bool proxy_listening(const json& status) {
  const json& proxy = object_at(status, "proxy");
  if (proxy.contains("listening") && proxy["listening"].is_boolean() &&
      !flag_at(proxy, "listening"))
    return false;
  return !proxy_addresses(status).empty();
}

std::vector<std::string> proxy_addresses(const json& status) {
  const json& proxy = object_at(status, "proxy");
  std::vector<std::string> addresses;
  const std::string port = scalar_at(proxy, "port", "?");
  for (const auto& entry : list_at(proxy, "addresses"))
    addresses.push_back(address_text(entry, port));
  if (addresses.empty() && !text_at(proxy, "host").empty())
    addresses.push_back(address_text(text_at(proxy, "host"), port));
  return addresses;
}

}  // namespace postern::control_client
