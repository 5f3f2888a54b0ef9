#include "runtime/requester/proxy_settings.hpp"

#include "base/files.hpp"
#include "runtime/requester/json_fields.hpp"
#include "runtime/requester/runtime_settings.hpp"

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
  custom.read("pac_url", settings.custom_pac_url);
  read_auth(custom.object("auth"), settings.custom_auth);
  if (!fields.error().empty()) return invalid(fields.error());
  // A PAC file can stand in for the server; a server that is off is not checked (the user may
  // be half-way through typing it).
  const bool has_pac = !settings.custom_pac_url.empty();
  if (settings.use_custom && (!has_pac || !settings.custom_server.empty())) {
    if (auto problem = server_problem(settings.custom_server); !problem.empty())
      return invalid(custom.path_of("server") + " \"" + settings.custom_server + "\" " + problem);
  }
  if (has_pac) {
    if (auto problem = platform::pac_url_problem(settings.custom_pac_url); !problem.empty())
      return invalid(custom.path_of("pac_url") + " \"" + settings.custom_pac_url + "\" " + problem);
  }
  return settings;
}

nlohmann::json proxy_settings_to_json(const ProxySettings& settings) {
  auto auth = [](const ProxyCredentials& credentials) {
    return nlohmann::json{{"username", credentials.username}, {"password", credentials.password}};
  };
  return {{"system",
           {{"enabled", settings.use_system},
            {"use_environment", settings.system_use_environment},
            {"auth", auth(settings.system_auth)}}},
          {"custom",
           {{"enabled", settings.use_custom},
            {"http", settings.custom_for_http},
            {"https", settings.custom_for_https},
            {"server", settings.custom_server},
            {"auth", auth(settings.custom_auth)},
            {"bypass", settings.custom_bypass},
            {"pac_url", settings.custom_pac_url}}}};
}

base::Result<base::Ok> save_proxy_settings(const std::filesystem::path& file,
                                           const ProxySettings& settings) {
  // Read through the loader first: a file it rejects is the user's to fix, never ours to replace.
  if (auto current = load_runtime_settings(file); !current) return current.error();
  nlohmann::json document = nlohmann::json::object();
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) {
    auto text = base::read_file(file);
    if (!text) return text.error();
    document = nlohmann::json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
    if (!document.is_object()) return invalid(file.string() + " does not hold a JSON object");
  }
  // The new values are checked as values first, so a bad one is named without blaming the file.
  if (auto valid = proxy_settings_from_json(proxy_settings_to_json(settings)); !valid)
    return valid.error();
  document["proxy"] = proxy_settings_to_json(settings);
  const std::string bytes = document.dump(2) + "\n";
  if (auto check = parse_runtime_settings(bytes, file.string()); !check) return check.error();
  return base::write_file_atomically(file, bytes, base::FileMode::owner_only);
}

}  // namespace postern::requester
