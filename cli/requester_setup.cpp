#include "cli/requester_setup.hpp"

#include <iostream>

#include "base/url.hpp"
#include "cli/control_command.hpp"
#include "cli/runtime_cookie_access.hpp"
#include "runtime/requester/oauth2_flow.hpp"
#include "runtime/requester/oauth2_token_store.hpp"
#include "runtime/requester/runtime_settings.hpp"

namespace postern::cli {

void add_send_flags(CLI::App& command, SendFlags& flags) {
  command.add_option("--proxy", flags.proxy,
                     "send through this proxy (http://[user:pass@]host:port)");
  command.add_flag("--no-proxy", flags.no_proxy, "go direct, whatever the proxy settings say");
  command.add_flag("-k,--insecure", flags.insecure, "do not verify the server's TLS certificate");
  command.add_option("--cacert", flags.cacert, "verify TLS with the CAs in this PEM file");
  command.add_option("--timeout", flags.timeout_seconds,
                     "seconds for each round trip (default 30)");
  command.add_flag("--no-follow", flags.no_follow, "do not follow redirects");
  command.add_option("--max-redirects", flags.max_redirects, "redirects to follow (default 10)");
  command.add_flag("--follow-original-method", flags.follow_original_method,
                   "keep POST on 301/302 redirects");
  command.add_flag("--location-trusted", flags.location_trusted,
                   "send credentials to other hosts after a redirect (never from https to http)");
  command.add_flag("--no-auth-retry", flags.no_auth_retry,
                   "do not answer a 401 challenge (Digest, NTLM) with a second request");
  command.add_flag("--cookies,!--no-cookies", flags.cookies,
                   "use and update the cookie jar (default on)");
  command.add_flag("--oauth2-browser", flags.oauth2_browser,
                   "get OAuth 2.0 codes through the system browser (default: follow the "
                   "authorization server's redirects without one)");
  command.add_flag("--show-secrets", flags.show_secrets,
                   "print credentials in --verbose and --dry-run output");
}

namespace {

requester::ProxyChooser explicit_proxy(const std::string& proxy_url) {
  requester::ResolvedProxy resolved;
  auto parts = base::parse_url(proxy_url.find("://") == std::string::npos ? "http://" + proxy_url
                                                                          : proxy_url);
  resolved.route.direct = false;
  resolved.setting = "--proxy";
  if (parts) {
    resolved.route.proxy_url = parts.value().scheme + "://" + base::authority_of(parts.value());
    resolved.credentials = {parts.value().username, parts.value().password};
  } else {
    resolved.route.proxy_url = proxy_url;
  }
  return [resolved](const std::string&) { return resolved; };
}

}  // namespace

base::Result<requester::ProxyChooser> settings_proxy_chooser(const base::AppPaths& paths,
                                                             const base::Environment& env) {
  auto settings = requester::load_runtime_settings(paths.settings_file());
  if (!settings) return settings.error();
  auto sources =
      std::make_shared<requester::SystemProxySources>(requester::live_proxy_sources(env));
  auto proxy = settings.value().proxy;
  return requester::ProxyChooser([sources, proxy](const std::string& url) {
    auto target = base::parse_url(url);
    if (!target) return requester::ResolvedProxy{};
    return requester::resolve_proxy(proxy, *sources, target.value());
  });
}

namespace {

// The runtime's jar when it runs (it owns cookies.json then), else the file itself.
base::Status_or_error open_jar(RequesterContext& context) {
  if (auto api = default_control_env().connect()) {
    auto runtime = std::make_unique<RuntimeCookieAccess>(std::move(api).value());
    if (runtime->reachable()) {
      context.cookie_access = std::move(runtime);
      context.options.cookies = context.cookie_access.get();
      return base::Ok{};
    }
  }
  std::filesystem::create_directories(context.paths.data);
  auto jar = cookies::CookieJarService::open(context.paths.data / "cookies.json");
  if (!jar) return jar.error();
  context.jar = std::move(jar).value();
  context.cookie_access = std::make_unique<requester::JarCookieAccess>(*context.jar);
  context.options.cookies = context.cookie_access.get();
  return base::Ok{};
}

}  // namespace

base::Result<std::unique_ptr<RequesterContext>> make_requester_context(
    const SendFlags& flags, const base::Environment& env) {
  auto paths = base::current_app_paths();
  if (!paths) return paths.error();
  auto context = std::make_unique<RequesterContext>();
  context->paths = paths.value();
  requester::SendOptions& options = context->options;
  if (flags.proxy) {
    options.proxy = explicit_proxy(*flags.proxy);
  } else if (!flags.no_proxy) {
    auto chooser = settings_proxy_chooser(context->paths, env);
    if (!chooser) return chooser.error();
    options.proxy = std::move(chooser).value();
  }
  options.verify_tls = !flags.insecure;
  options.ca_file = !flags.cacert.empty() ? flags.cacert : env("SSL_CERT_FILE").value_or("");
  options.ca_dir = env("SSL_CERT_DIR").value_or("");
  options.timeout = std::chrono::milliseconds(static_cast<long long>(flags.timeout_seconds * 1000));
  options.follow_redirects = !flags.no_follow;
  options.max_redirects = flags.max_redirects;
  options.follow_original_method = flags.follow_original_method;
  options.sensitive = flags.location_trusted ? requester::SensitivePolicy::any_host
                                             : requester::SensitivePolicy::same_origin;
  options.answer_challenges = !flags.no_auth_retry;
  if (flags.cookies) {
    auto opened = open_jar(*context);
    if (!opened) return opened.error();
  }
  return context;
}

base::Result<std::string> oauth2_access_token(const RequesterContext& context,
                                              const SendFlags& flags,
                                              const auth::AuthParams& params) {
  requester::TokenStore store(requester::TokenStore::default_file(context.paths));
  requester::FlowOptions flow;
  flow.send = context.options;
  flow.store = &store;
  flow.interactive = flags.oauth2_browser;
  flow.notice = [](const std::string& text) { std::cerr << text << "\n"; };
  auto token = requester::obtain_token(params, flow);
  if (!token) return token.error();
  return token.value().access_token;
}

}  // namespace postern::cli
