#include "cli/proxy_views.hpp"

#include <ostream>

#include "base/url.hpp"
#include "cli/text_table.hpp"

namespace postern::cli {

using nlohmann::json;

namespace {

// The variables environment_proxy_for reads, in the order it reads them.
constexpr const char* kProxyVariables[] = {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
                                           "all_proxy",  "ALL_PROXY",  "no_proxy",    "NO_PROXY"};

json auth_json(const requester::ProxyCredentials& credentials) {
  return {{"username", credentials.username},
          {"password", credentials.password.empty() ? "" : "***"}};
}

std::string on_off(const json& value) {
  return value.is_boolean() ? (value.get<bool>() ? "on" : "off") : "?";
}

std::string text_of(const json& value) {
  return value.is_string() ? printable(value.get<std::string>()) : printable(value.dump());
}

std::string auth_line(const json& auth) {
  const auto user = auth.value("username", "");
  if (user.empty()) return "none";
  return printable(user) +
         (auth.value("password", "").empty() ? " (no password)" : " (password set)");
}

void print_settings(std::ostream& out, const json& settings) {
  const json& system = settings["system"];
  const json& custom = settings["custom"];
  out << "system proxy:   " << on_off(system["enabled"]) << " (environment variables "
      << on_off(system["use_environment"]) << "; auth: " << auth_line(system["auth"]) << ")\n";
  out << "custom proxy:   " << on_off(custom["enabled"]);
  if (!custom.value("server", "").empty()) out << ", server " << text_of(custom["server"]);
  out << " (http " << on_off(custom["http"]) << ", https " << on_off(custom["https"])
      << "; auth: " << auth_line(custom["auth"]) << ")\n";
  if (!custom.value("bypass", "").empty())
    out << "  bypass:       " << text_of(custom["bypass"]) << "\n";
  if (!custom.value("pac_url", "").empty())
    out << "  PAC file:     " << text_of(custom["pac_url"]) << "\n";
}

void print_desktop(std::ostream& out, const json& desktop) {
  out << "desktop:        " << text_of(desktop["source"]) << "\n";
  if (!desktop.value("problem", "").empty())
    out << "  note:         " << text_of(desktop["problem"]) << "\n";
  if (desktop.value("auto_detect", false))
    out << "  detect (WPAD): on (not supported by Postern)\n";
  for (const char* key : {"pac_url", "http", "https", "socks"})
    if (!desktop.value(key, "").empty())
      out << "  " << key << std::string(14 - std::string(key).size(), ' ') << text_of(desktop[key])
          << "\n";
  if (!desktop["bypass"].empty()) {
    std::string list;
    for (const auto& entry : desktop["bypass"])
      list += (list.empty() ? "" : ", ") + entry.get<std::string>();
    out << "  bypass:       " << printable(list)
        << (desktop.value("bypass_reversed", false) ? " (only these use the proxy)" : "") << "\n";
  }
  if (!desktop.value("username", "").empty())
    out << "  auth:         " << text_of(desktop["username"]) << " (password set)\n";
}

}  // namespace

json redacted_settings_json(const requester::ProxySettings& settings) {
  json out = requester::proxy_settings_to_json(settings);
  out["system"]["auth"] = auth_json(settings.system_auth);
  out["custom"]["auth"] = auth_json(settings.custom_auth);
  return out;
}

json proxy_environment_json(const base::Environment& env) {
  json out = json::object();
  for (const char* name : kProxyVariables)
    if (auto value = env(name)) out[name] = base::redact_credentials(*value);
  return out;
}

json desktop_json(const platform::DesktopProxy& desktop) {
  return {{"source", desktop.source},
          {"problem", desktop.problem},
          {"auto_detect", desktop.auto_detect},
          {"pac_url", base::redact_credentials(desktop.pac_url)},
          {"use_environment", desktop.use_environment},
          {"http", base::redact_credentials(desktop.http)},
          {"https", base::redact_credentials(desktop.https)},
          {"socks", base::redact_credentials(desktop.socks)},
          {"bypass", desktop.bypass},
          {"bypass_simple_hosts", desktop.bypass_simple_hosts},
          {"bypass_reversed", desktop.bypass_reversed},
          {"username", desktop.username}};
}

json explanation_json(const std::string& url, const requester::ResolvedProxy& resolved) {
  return {{"url", base::redact_credentials(url)},
          {"direct", resolved.route.direct},
          {"proxy", base::redact_credentials(resolved.route.proxy_url)},
          {"route", resolved.route.source},
          {"setting", resolved.setting},
          {"bypass_entry", resolved.route.bypass_rule},
          {"pac_url", base::redact_credentials(resolved.route.pac_url)},
          {"pac_answer", resolved.route.pac_answer},
          {"credentials",
           {{"username", resolved.credentials.username}, {"from", resolved.credentials_from}}},
          {"reasons", resolved.reasons}};
}

void print_proxy_show(std::ostream& out, const json& show) {
  out << "settings:       " << text_of(show["settings_file"]) << "\n";
  print_settings(out, show["settings"]);
  const json& environment = show["system"]["environment"];
  if (environment.empty()) out << "environment:    no proxy variables\n";
  for (const auto& [name, value] : environment.items())
    out << "environment:    " << name << "=" << text_of(value) << "\n";
  print_desktop(out, show["system"]["desktop"]);
  out << "precedence:     " << text_of(show["precedence"]) << "\n";
}

void print_proxy_explanation(std::ostream& out, const json& explanation) {
  out << text_of(explanation["url"]) << " goes "
      << (explanation.value("direct", true) ? std::string("direct")
                                            : "through " + text_of(explanation["proxy"]))
      << "\n";
  out << "  setting:      " << text_of(explanation["setting"]) << "\n";
  if (!explanation.value("bypass_entry", "").empty())
    out << "  bypass entry: \"" << text_of(explanation["bypass_entry"]) << "\"\n";
  if (!explanation.value("pac_url", "").empty())
    out << "  PAC file:     " << text_of(explanation["pac_url"]) << " returned \""
        << text_of(explanation["pac_answer"]) << "\"\n";
  const json& credentials = explanation["credentials"];
  if (!credentials.value("username", "").empty())
    out << "  credentials:  " << text_of(credentials["username"]) << " (from "
        << text_of(credentials["from"]) << ")\n";
  out << "why:\n";
  int step = 0;
  for (const auto& reason : explanation["reasons"])
    out << "  " << ++step << ". " << text_of(reason) << "\n";
}

}  // namespace postern::cli
