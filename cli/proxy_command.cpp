#include "cli/proxy_command.hpp"

#include <CLI/CLI.hpp>
#include <iostream>
#include <optional>
#include <string>

#include "cli/proxy_views.hpp"
#include "cli/report.hpp"
#include "runtime/requester/runtime_settings.hpp"

namespace postern::cli {

using nlohmann::json;
using requester::ProxySettings;

namespace {

using EnvPtr = std::shared_ptr<const ProxyCommandEnv>;

constexpr const char* kPrecedence =
    "the custom proxy (for the schemes it is on for), else the system proxy: the environment "
    "variables when they name a proxy, else the desktop's settings; else direct";

// `postern proxy set`'s options; each unset one leaves its setting as it is.
struct SetArgs {
  std::optional<bool> system;
  std::optional<bool> system_env;
  std::optional<std::string> system_user;
  bool system_password_stdin = false;
  std::optional<std::string> custom;
  bool custom_off = false;
  std::optional<bool> custom_http;
  std::optional<bool> custom_https;
  std::optional<std::string> custom_user;
  bool custom_password_stdin = false;
  std::optional<std::string> bypass;
  std::optional<std::string> pac;
  bool pac_off = false;
  std::string url;  // explain's
};

struct Loaded {
  std::filesystem::path file;
  requester::RuntimeSettings settings;
};

base::Result<Loaded> load(const ProxyCommandEnv& env) {
  auto paths = env.paths();
  if (!paths) return paths.error();
  Loaded loaded{paths.value().settings_file(), {}};
  auto settings = requester::load_runtime_settings(loaded.file);
  if (!settings) return settings.error();
  loaded.settings = std::move(settings).value();
  return loaded;
}

// One line from stdin, without its line ending: a password never goes on the command line,
// where other users can read it in the process list.
std::string read_password(std::istream& in) {
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

void apply_credentials(requester::ProxyCredentials& auth, const std::optional<std::string>& user,
                       bool password_from_stdin, std::istream& in) {
  if (user) {
    auth.username = *user;
    if (user->empty()) auth.password.clear();  // --system-user "" removes the credentials
  }
  if (password_from_stdin) auth.password = read_password(in);
}

void apply(const SetArgs& args, ProxySettings& settings, std::istream& in) {
  if (args.system) settings.use_system = *args.system;
  if (args.system_env) settings.system_use_environment = *args.system_env;
  apply_credentials(settings.system_auth, args.system_user, args.system_password_stdin, in);
  if (args.custom) {
    settings.custom_server = *args.custom;
    settings.use_custom = true;
  }
  if (args.custom_off) settings.use_custom = false;
  if (args.custom_http) settings.custom_for_http = *args.custom_http;
  if (args.custom_https) settings.custom_for_https = *args.custom_https;
  apply_credentials(settings.custom_auth, args.custom_user, args.custom_password_stdin, in);
  if (args.bypass) settings.custom_bypass = *args.bypass;
  if (args.pac) {
    settings.custom_pac_url = *args.pac;
    settings.use_custom = true;
  }
  if (args.pac_off) settings.custom_pac_url.clear();
}

int run_show(const ProxyCommandEnv& env, const OutputOptions& output) {
  auto loaded = load(env);
  if (!loaded) return report_error(*env.err, output, loaded.error());
  const auto sources = env.sources(env.env);
  json show{{"settings_file", loaded.value().file.string()},
            {"settings", redacted_settings_json(loaded.value().settings.proxy)},
            {"system",
             {{"environment", proxy_environment_json(env.env)},
              {"desktop", sources.desktop ? desktop_json(*sources.desktop) : json(nullptr)}}},
            {"precedence", kPrecedence}};
  if (output.json) {
    *env.out << show.dump(2) << "\n";
    return kSuccess;
  }
  if (!sources.desktop) {
    platform::DesktopProxy unread;
    unread.source = "not read";
    show["system"]["desktop"] = desktop_json(unread);
  }
  print_proxy_show(*env.out, show);
  return kSuccess;
}

int run_set(const ProxyCommandEnv& env, const OutputOptions& output, const SetArgs& args) {
  auto loaded = load(env);
  if (!loaded) return report_error(*env.err, output, loaded.error());
  ProxySettings settings = loaded.value().settings.proxy;
  apply(args, settings, *env.in);
  if (auto saved = requester::save_proxy_settings(loaded.value().file, settings); !saved)
    return report_error(*env.err, output, saved.error());
  json answer{{"ok", true},
              {"settings_file", loaded.value().file.string()},
              {"settings", redacted_settings_json(settings)}};
  if (output.json) {
    *env.out << answer.dump(2) << "\n";
    return kSuccess;
  }
  *env.out << "saved the proxy settings in " << loaded.value().file.string()
           << " (readable by you only)\n";
  return kSuccess;
}

int run_explain(const ProxyCommandEnv& env, const OutputOptions& output, const std::string& url) {
  auto target = base::parse_url(url);
  if (!target || (target.value().scheme != "http" && target.value().scheme != "https"))
    throw CLI::ValidationError(
        "URL", "\"" + base::redact_credentials(url) + "\" is not an http:// or https:// URL");
  auto loaded = load(env);
  if (!loaded) return report_error(*env.err, output, loaded.error());
  const auto resolved =
      requester::resolve_proxy(loaded.value().settings.proxy, env.sources(env.env), target.value());
  const json explanation = explanation_json(url, resolved);
  if (output.json)
    *env.out << explanation.dump(2) << "\n";
  else
    print_proxy_explanation(*env.out, explanation);
  return kSuccess;
}

void add_set_options(CLI::App* set, SetArgs& args) {
  const auto on_off = CLI::IsMember({"on", "off"});
  auto flag = [&](const char* name, std::optional<bool>& target, const char* help) {
    set->add_option_function<std::string>(
           name, [&target](const std::string& value) { target = value == "on"; }, help)
        ->check(on_off);
  };
  flag("--system", args.system, "Use the system proxy: on|off");
  flag("--system-env", args.system_env, "Read http(s)_proxy/no_proxy for the system proxy: on|off");
  set->add_option("--system-user", args.system_user,
                  "User name for the system proxy (\"\" removes the credentials)");
  set->add_flag("--system-password-stdin", args.system_password_stdin,
                "Read the system proxy's password from the first line of stdin");
  auto* custom = set->add_option("--custom", args.custom, "Use this custom proxy: HOST:PORT");
  set->add_flag("--custom-off", args.custom_off, "Stop using the custom proxy")->excludes(custom);
  flag("--custom-http", args.custom_http, "Send http:// URLs through the custom proxy: on|off");
  flag("--custom-https", args.custom_https, "Send https:// URLs through the custom proxy: on|off");
  set->add_option("--custom-user", args.custom_user,
                  "User name for the custom proxy (\"\" removes the credentials)");
  auto* custom_password = set->add_flag("--custom-password-stdin", args.custom_password_stdin,
                                        "Read the custom proxy's password from stdin");
  custom_password->excludes("--system-password-stdin");
  set->add_option("--bypass", args.bypass,
                  "Hosts that skip the custom proxy, comma separated: \"localhost, .corp, "
                  "10.0.0.0/8\"");
  auto* pac = set->add_option("--pac", args.pac,
                              "A PAC file that picks the custom proxy per URL (http:// or "
                              "file:///); turns the custom proxy on");
  set->add_flag("--pac-off", args.pac_off, "Stop using the PAC file")->excludes(pac);
}

}  // namespace

ProxyCommandEnv default_proxy_env() {
  return ProxyCommandEnv{[] { return base::current_app_paths(); },
                         base::process_environment(),
                         requester::live_proxy_sources,
                         &std::cin,
                         &std::cout,
                         &std::cerr};
}

void add_proxy_command(CLI::App& app, OutputOptions& output, int& exit_code, ProxyCommandEnv env) {
  const EnvPtr shared = std::make_shared<const ProxyCommandEnv>(std::move(env));
  auto args = std::make_shared<SetArgs>();
  auto* proxy = app.add_subcommand("proxy", "The proxy settings for what Postern sends");
  proxy->require_subcommand(1);
  auto json_flag = [&output](CLI::App* command) {
    command->add_flag("--json", output.json, "Print JSON instead of text");
  };

  auto* show = proxy->add_subcommand("show", "The settings, and what the system says");
  json_flag(show);
  show->callback([&, shared] { exit_code = run_show(*shared, output); });

  auto* set = proxy->add_subcommand("set", "Change the proxy settings in settings.json");
  add_set_options(set, *args);
  json_flag(set);
  set->callback([&, shared, args] { exit_code = run_set(*shared, output, *args); });

  auto* explain = proxy->add_subcommand("explain", "Which proxy a URL would use, and why");
  explain->add_option("URL", args->url, "An http:// or https:// URL")->required();
  json_flag(explain);
  explain->callback([&, shared, args] { exit_code = run_explain(*shared, output, args->url); });
}

}  // namespace postern::cli
