#include "runtime/requester/proxy_settings.hpp"

#include "runtime/requester/json_fields.hpp"

namespace postern::requester {

namespace {

base::Error invalid(const std::string& what) {
  return base::Error{std::make_error_code(std::errc::invalid_argument), what,
                     "fix the proxy settings (docs/settings.md describes each field)"};
}

void read_auth(JsonFields fields, ProxyCredentials& out) {
  fields.read("username", out.username);
  fields.read("password", out.password);
}

// The seed asks for host:port without a protocol; a scheme typed anyway is an error that says
// so, rather than a proxy URL like "http://http://host".
std::string server_problem(const std::string& server) {
  if (server.empty()) return "is empty";
  if (server.find("://") != std::string::npos) return "must be host:port, without a protocol";
  auto parsed = base::parse_url("http://" + server);
  if (!parsed) return "is not host:port";
  if (server.find(':') == std::string::npos && !parsed.value().ipv6) return "has no port";
  return "";
}

}  // namespace

base::Result<ProxySettings> proxy_settings_from_json(const nlohmann::json& proxy) {
  ProxySettings settings;
  JsonFields fields(proxy, "proxy");
  auto system = fields.object("system");
  system.read("enabled", settings.use_system);
  system.read("use_environment", settings.system_use_environment);
  read_auth(system.object("auth"), settings.system_auth);
  auto custom = fields.object("custom");
  custom.read("enabled", settings.use_custom);
  custom.read("http", settings.custom_for_http);
  custom.read("https", settings.custom_for_https);
  custom.read("server", settings.custom_server);
  custom.read("bypass", settings.custom_bypass);
  read_auth(custom.object("auth"), settings.custom_auth);
  if (!fields.error().empty()) return invalid(fields.error());
  if (settings.use_custom) {
    if (auto problem = server_problem(settings.custom_server); !problem.empty())
      return invalid(custom.path_of("server") + " \"" + settings.custom_server + "\" " + problem);
  }
  return settings;
}

ResolvedProxy resolve_proxy(const ProxySettings& settings, const base::Environment& env,
                            const base::UrlParts& target) {
  ResolvedProxy resolved;
  const bool https = target.scheme == "https" || target.scheme == "wss";
  if (settings.use_custom && (https ? settings.custom_for_https : settings.custom_for_http)) {
    resolved.route.bypass_rule = platform::bypass_rule_for(settings.custom_bypass, target);
    if (!resolved.route.bypass_rule.empty()) {
      resolved.route.source =
          "the custom proxy's bypass list has \"" + resolved.route.bypass_rule + "\"";
      return resolved;
    }
    resolved.route.direct = false;
    resolved.route.proxy_url = "http://" + settings.custom_server;
    resolved.route.source = "custom proxy";
    resolved.credentials = settings.custom_auth;
    return resolved;
  }
  if (settings.use_system) {
    // The environment is the one system source read so far; desktop settings join it later.
    if (!settings.system_use_environment) {
      resolved.route.source = "system proxy (its environment variables are turned off)";
      return resolved;
    }
    resolved.route = platform::environment_proxy_for(env, target);
    if (!resolved.route.direct) resolved.credentials = settings.system_auth;
    resolved.route.source = "system proxy (" + resolved.route.source + ")";
    return resolved;
  }
  resolved.route.source = settings.use_custom ? "the custom proxy is not used for " + target.scheme
                                              : "no proxy is configured";
  return resolved;
}

}  // namespace postern::requester
