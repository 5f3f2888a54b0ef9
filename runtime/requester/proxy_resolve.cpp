// resolve_proxy: the one place that decides where a request goes (docs/settings.md, "proxy"):
// the custom proxy for the schemes it is on for, else the system proxy (the environment when it
// names a proxy, else the desktop), else direct. Every step leaves a reason for
// `postern proxy explain`.
#include "platform/command_runner.hpp"
#include "runtime/requester/proxy_settings.hpp"

namespace postern::requester {

namespace {

bool is_https(const base::UrlParts& target) {
  return target.scheme == "https" || target.scheme == "wss";
}

std::string target_url_of(const base::UrlParts& target) {
  return target.scheme + "://" + base::authority_of(target) + "/";
}

// Credentials typed into a proxy URL (http_proxy=http://user:pw@host:port) move into the
// credentials, so the URL itself never carries a secret into a report or a log.
void lift_url_credentials(ResolvedProxy& resolved) {
  auto& url = resolved.route.proxy_url;
  const auto scheme_end = url.find("://");
  if (resolved.route.direct || scheme_end == std::string::npos) return;
  const auto authority = scheme_end + 3;
  const auto at = url.find('@', authority);
  if (at == std::string::npos || at > url.find('/', authority)) return;
  if (auto parts = base::parse_url(url);
      parts && resolved.credentials.username.empty() && !parts.value().username.empty()) {
    resolved.credentials = {parts.value().username, parts.value().password};
    resolved.credentials_from = "the proxy URL";
  }
  url.erase(authority, at + 1 - authority);
}

void use_credentials(ResolvedProxy& resolved, const ProxyCredentials& credentials,
                     const char* from) {
  if (resolved.route.direct || credentials.username.empty()) return;
  resolved.credentials = credentials;
  resolved.credentials_from = from;
}

// The PAC step of the custom proxy; true when the PAC file decided.
bool custom_pac(const ProxySettings& settings, const SystemProxySources& sources,
                const base::UrlParts& target, ResolvedProxy& out) {
  const std::string intro = "the custom proxy's PAC file " + settings.custom_pac_url;
  if (!sources.pac) {
    out.reasons.push_back(intro + " was not run: no PAC engine was given here");
    return false;
  }
  const auto answer = sources.pac(settings.custom_pac_url, target_url_of(target));
  if (!answer.evaluated) {
    out.reasons.push_back(intro + " was not used: " + answer.problem);
    return false;
  }
  out.setting = "custom (PAC file)";
  out.route.pac_url = settings.custom_pac_url;
  out.route.pac_answer = answer.returned;
  out.route.direct = answer.proxies.front() == "direct://";
  out.route.proxy_url = out.route.direct ? "" : answer.proxies.front();
  out.route.source = "custom proxy (PAC file)";
  out.reasons.push_back(intro + " returned \"" + answer.returned + "\"");
  if (answer.proxies.size() > 1)
    out.reasons.push_back(
        "the first choice is used; the others are fallbacks Postern does not "
        "try");
  return true;
}

void resolve_custom(const ProxySettings& settings, const SystemProxySources& sources,
                    const base::UrlParts& target, ResolvedProxy& out) {
  out.setting = "custom";
  out.reasons.push_back("the custom proxy is on for " + target.scheme +
                        " URLs, and wins over the system proxy");
  out.route.bypass_rule = platform::bypass_rule_for(settings.custom_bypass, target);
  if (!out.route.bypass_rule.empty()) {
    out.route.source = "the custom proxy's bypass list has \"" + out.route.bypass_rule + "\"";
    out.reasons.push_back(out.route.source + ", which matches " + target.host);
    return;
  }
  if (!settings.custom_pac_url.empty() && custom_pac(settings, sources, target, out)) {
    use_credentials(out, settings.custom_auth, "proxy.custom.auth");
    return;
  }
  if (settings.custom_server.empty()) {
    out.route.source = "the custom proxy has no server to fall back to";
    out.reasons.push_back(out.route.source + ", so the request goes direct");
    return;
  }
  out.route.direct = false;
  out.route.proxy_url = "http://" + settings.custom_server;
  out.route.source = "custom proxy";
  out.reasons.push_back("the custom proxy's server is " + settings.custom_server);
  use_credentials(out, settings.custom_auth, "proxy.custom.auth");
}

void resolve_environment(const SystemProxySources& sources, const base::UrlParts& target,
                         ResolvedProxy& out) {
  out.setting = "system (environment)";
  out.route = platform::environment_proxy_for(sources.env, target);
  if (!out.route.bypass_rule.empty())
    out.reasons.push_back("the environment's " + out.route.source + ", which matches " +
                          target.host);
  else if (out.route.direct)
    out.reasons.push_back("the environment names no proxy for " + target.scheme + " URLs");
  else
    out.reasons.push_back(out.route.source + " names the proxy");
  out.route.source = "system proxy (" + out.route.source + ")";
}

void resolve_desktop(const ProxySettings& settings, const SystemProxySources& sources,
                     const base::UrlParts& target, ResolvedProxy& out) {
  const auto& desktop = *sources.desktop;
  out.setting = "system (" + desktop.source + ")";
  if (!desktop.problem.empty()) out.reasons.push_back(desktop.problem);
  auto route = platform::desktop_proxy_for(desktop, target, sources.pac);
  out.reasons.insert(out.reasons.end(), route.reasons.begin(), route.reasons.end());
  if (route.uses_environment) {
    if (settings.system_use_environment) return resolve_environment(sources, target, out);
    out.route.source = "system proxy (" + desktop.source +
                       " defers to the environment, which is "
                       "turned off)";
    out.reasons.push_back("proxy.system.use_environment is off, so the request goes direct");
    return;
  }
  out.route = route.route;
  out.route.source = "system proxy (" + out.route.source + ")";
  if (!out.route.direct && !desktop.username.empty())
    use_credentials(out, {desktop.username, desktop.password}, "the desktop's proxy settings");
}

void resolve_system(const ProxySettings& settings, const SystemProxySources& sources,
                    const base::UrlParts& target, ResolvedProxy& out) {
  out.reasons.push_back("the system proxy is on");
  if (!settings.system_use_environment) {
    out.reasons.push_back(
        "its environment variables are turned off (proxy.system.use_environment)");
  } else if (platform::environment_sets_proxy(sources.env)) {
    out.reasons.push_back(
        "the environment names a proxy, so it decides alone (the desktop's "
        "settings are not used)");
    resolve_environment(sources, target, out);
  } else {
    out.reasons.push_back("the environment names no proxy");
  }
  if (out.setting.empty() && sources.desktop) resolve_desktop(settings, sources, target, out);
  if (out.setting.empty()) {
    out.setting = "system";
    out.route.source = settings.system_use_environment
                           ? "system proxy (no proxy variable is set)"
                           : "system proxy (its environment variables are turned off)";
    out.reasons.push_back("the desktop's settings were not read here, so the request goes direct");
  }
  // proxy.system.auth is Postman's "default proxy" credentials: they win over any others.
  use_credentials(out, settings.system_auth, "proxy.system.auth");
}

}  // namespace

SystemProxySources live_proxy_sources(const base::Environment& env) {
  auto& runner = platform::system_runner();
  return SystemProxySources{env, platform::read_desktop_proxy(env, runner),
                            platform::pac_evaluator(runner)};
}

ResolvedProxy resolve_proxy(const ProxySettings& settings, const SystemProxySources& sources,
                            const base::UrlParts& target) {
  ResolvedProxy out;
  const bool custom_applies = settings.use_custom && (is_https(target) ? settings.custom_for_https
                                                                       : settings.custom_for_http);
  if (!settings.use_custom) out.reasons.push_back("the custom proxy is off");
  if (settings.use_custom && !custom_applies)
    out.reasons.push_back("the custom proxy is on, but not for " + target.scheme + " URLs");
  if (custom_applies) {
    resolve_custom(settings, sources, target, out);
  } else if (settings.use_system) {
    resolve_system(settings, sources, target, out);
  } else {
    out.setting = "none";
    out.route.source = settings.use_custom ? "the custom proxy is not used for " + target.scheme
                                           : "no proxy is configured";
    out.reasons.push_back("the system proxy is off, so the request goes direct");
  }
  lift_url_credentials(out);
  if (out.route.direct) {
    out.credentials = {};
    out.credentials_from.clear();
  }
  return out;
}

ResolvedProxy resolve_proxy(const ProxySettings& settings, const base::Environment& env,
                            const base::UrlParts& target) {
  return resolve_proxy(settings, SystemProxySources{env, std::nullopt, {}}, target);
}

}  // namespace postern::requester
