// resolve_proxy's decisions with scripted sources, then real requests (libcurl, as the
// connectivity check sends them) through real tinyproxy processes on loopback: without auth,
// with BasicAuth (407 without credentials, through with them), bypass entries going direct, and a
// real PAC file run by libproxy choosing between two proxies.
#include <catch2/catch.hpp>
#include <fstream>

#include "proxy_tinyproxy.hpp"
#include "runtime/requester/connectivity.hpp"
#include "runtime/requester/proxy_settings.hpp"
#include "support/loopback_http_server.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::requester;
using base::fixed_environment;

namespace {

base::UrlParts url(const std::string& text) {
  auto parsed = base::parse_url(text);
  REQUIRE(parsed);
  return parsed.value();
}

platform::DesktopProxy gnome_manual() {
  platform::DesktopProxy desktop;
  desktop.source = "GNOME";
  desktop.http = "desk.lan:3128";
  desktop.https = "desk.lan:3128";
  desktop.bypass = {"*.corp"};
  desktop.username = "gnome-user";
  desktop.password = "gnome-pw";
  return desktop;
}

platform::PacEvaluator fixed_pac(std::vector<std::string> proxies, std::string returned) {
  return [=](const std::string&, const std::string&) {
    platform::PacAnswer answer;
    answer.evaluated = !proxies.empty();
    answer.proxies = proxies;
    answer.returned = returned;
    if (proxies.empty()) answer.problem = "libproxy could not fetch the PAC file";
    return answer;
  };
}

const char* kNoContent = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";

// The last request's Via line names the proxy. Its protocol version is the client's: "1.0" when
// libcurl has learnt from tinyproxy's HTTP/1.0 407 that the proxy speaks 1.0.
bool has_via(const std::vector<std::string>& requests, const std::string& marker) {
  if (requests.empty()) return false;
  const std::string& head = requests.back();
  const auto line = head.find("\r\nVia: ");
  return line != std::string::npos && head.find(marker, line) < head.find("\r\n", line + 2);
}

ConnectivityReport send(const std::string& target, const ResolvedProxy& proxy) {
  ConnectivityRequest request;
  request.url = target;
  request.proxy = proxy;
  request.timeout = std::chrono::milliseconds(10000);
  return check_connectivity(request);
}

bool have_tinyproxy() {
  return platform::system_runner().find_tool("tinyproxy").has_value();
}

}  // namespace

TEST_CASE("the custom proxy wins, and the explanation says so", "[proxy_resolve]") {
  ProxySettings settings;
  settings.use_custom = true;
  settings.custom_server = "custom.lan:8080";
  settings.custom_auth = {"u", "p"};
  SystemProxySources sources{
      fixed_environment({{"http_proxy", "http://env:1"}}), gnome_manual(), {}};
  auto resolved = resolve_proxy(settings, sources, url("http://example.com/"));
  CHECK(resolved.route.proxy_url == "http://custom.lan:8080");
  CHECK(resolved.setting == "custom");
  CHECK(resolved.credentials_from == "proxy.custom.auth");
  CHECK(resolved.reasons ==
        std::vector<std::string>{
            "the custom proxy is on for http URLs, and wins over the system proxy",
            "the custom proxy's server is custom.lan:8080"});
  settings.custom_bypass = "localhost, .example.com";
  auto bypassed = resolve_proxy(settings, sources, url("http://api.example.com/"));
  CHECK(bypassed.route.direct);
  CHECK(bypassed.route.bypass_rule == ".example.com");
  CHECK(bypassed.credentials.username.empty());
  CHECK(bypassed.reasons.back() ==
        "the custom proxy's bypass list has \".example.com\", which matches api.example.com");
}

TEST_CASE("credentials in a proxy variable move out of the URL", "[proxy_resolve]") {
  auto env = fixed_environment({{"https_proxy", "http://al%40ice:p%3Ass@corp:3128"}});
  auto resolved = resolve_proxy(ProxySettings{}, env, url("https://example.com/"));
  CHECK(resolved.route.proxy_url == "http://corp:3128");
  CHECK(resolved.credentials.username == "al@ice");
  CHECK(resolved.credentials.password == "p:ss");
  CHECK(resolved.credentials_from == "the proxy URL");
  ProxySettings with_auth;
  with_auth.system_auth = {"settings-user", "pw"};
  auto settings_win = resolve_proxy(with_auth, env, url("https://example.com/"));
  CHECK(settings_win.credentials.username == "settings-user");
  CHECK(settings_win.route.proxy_url == "http://corp:3128");
}

TEST_CASE("the environment decides alone when it names a proxy; else the desktop",
          "[proxy_resolve]") {
  SystemProxySources env_and_desktop{
      fixed_environment({{"HTTPS_PROXY", "env.lan:1"}}), gnome_manual(), {}};
  auto by_env = resolve_proxy(ProxySettings{}, env_and_desktop, url("https://a.corp/"));
  CHECK(by_env.route.proxy_url == "http://env.lan:1");  // the desktop's *.corp is not consulted
  CHECK(by_env.setting == "system (environment)");
  CHECK(by_env.route.source == "system proxy (HTTPS_PROXY)");

  SystemProxySources desktop_only{
      fixed_environment({{"no_proxy", "example.com"}}), gnome_manual(), {}};
  auto by_desktop = resolve_proxy(ProxySettings{}, desktop_only, url("https://example.com/"));
  CHECK(by_desktop.route.proxy_url == "http://desk.lan:3128");
  CHECK(by_desktop.setting == "system (GNOME)");
  CHECK(by_desktop.credentials.username == "gnome-user");
  CHECK(by_desktop.credentials_from == "the desktop's proxy settings");
  auto bypass = resolve_proxy(ProxySettings{}, desktop_only, url("https://b.corp/"));
  CHECK(bypass.route.direct);
  CHECK(bypass.route.bypass_rule == "*.corp");
  CHECK(bypass.reasons.back() == "GNOME's bypass list has \"*.corp\", which matches b.corp");

  ProxySettings no_env;
  no_env.system_use_environment = false;
  no_env.system_auth = {"default", "pw"};
  auto desktop_despite_env = resolve_proxy(no_env, env_and_desktop, url("https://example.com/"));
  CHECK(desktop_despite_env.route.proxy_url == "http://desk.lan:3128");
  CHECK(desktop_despite_env.credentials.username == "default");  // the "default proxy" auth wins
}

TEST_CASE("KDE's environment mode, a desktop not read, both off", "[proxy_resolve]") {
  platform::DesktopProxy kde_env;
  kde_env.source = "KDE";
  kde_env.use_environment = true;
  SystemProxySources sources{fixed_environment({}), kde_env, {}};
  auto resolved = resolve_proxy(ProxySettings{}, sources, url("http://example.com/"));
  CHECK(resolved.route.direct);
  CHECK(resolved.reasons.back() == "the environment names no proxy for http URLs");

  auto unread = resolve_proxy(ProxySettings{}, fixed_environment({}), url("http://example.com/"));
  CHECK(unread.route.direct);
  CHECK(unread.reasons.back() ==
        "the desktop's settings were not read here, so the request goes direct");

  ProxySettings off;
  off.use_system = false;
  auto none = resolve_proxy(off, sources, url("http://example.com/"));
  CHECK(none.setting == "none");
  CHECK(none.route.source == "no proxy is configured");
}

TEST_CASE("a custom PAC file picks the proxy; when it fails, the server does", "[proxy_resolve]") {
  ProxySettings settings;
  settings.use_custom = true;
  settings.custom_pac_url = "http://127.0.0.1:9/proxy.pac";
  settings.custom_auth = {"pac-user", "pw"};
  SystemProxySources sources{
      fixed_environment({}), std::nullopt,
      fixed_pac({"http://pac.lan:1", "direct://"}, "PROXY pac.lan:1; DIRECT")};
  auto resolved = resolve_proxy(settings, sources, url("https://example.com/"));
  CHECK(resolved.route.proxy_url == "http://pac.lan:1");
  CHECK(resolved.route.pac_answer == "PROXY pac.lan:1; DIRECT");
  CHECK(resolved.setting == "custom (PAC file)");
  CHECK(resolved.credentials.username == "pac-user");

  sources.pac = fixed_pac({}, "");
  auto no_server = resolve_proxy(settings, sources, url("https://example.com/"));
  CHECK(no_server.route.direct);
  CHECK(no_server.route.source == "the custom proxy has no server to fall back to");
  settings.custom_server = "fallback.lan:3128";
  auto fallback = resolve_proxy(settings, sources, url("https://example.com/"));
  CHECK(fallback.route.proxy_url == "http://fallback.lan:3128");
  CHECK(fallback.reasons.at(1) ==
        "the custom proxy's PAC file http://127.0.0.1:9/proxy.pac was not used: libproxy could not "
        "fetch the PAC file");
}

TEST_CASE("through a real tinyproxy, and direct for a bypass entry", "[proxy_resolve][real]") {
  INFO("tinyproxy is not installed: scripts/deps.sh installs it");
  REQUIRE(have_tinyproxy());
  testing::TempDir dir;
  testing::Tinyproxy proxy(dir.path(), "proxy-plain");
  REQUIRE(proxy.running());
  testing::LoopbackHttpServer origin(kNoContent);
  const std::string target = "http://" + origin.authority() + "/";
  ProxySettings settings;
  settings.use_custom = true;
  settings.custom_server = proxy.authority();
  auto report = send(target, resolve_proxy(settings, fixed_environment({}), url(target)));
  INFO(report.message);
  CHECK(report.ok);
  CHECK(report.via == "http://" + proxy.authority());
  CHECK(has_via(origin.requests(), proxy.via_marker()));

  settings.custom_bypass = "localhost, 127.0.0.1";
  auto direct = resolve_proxy(settings, fixed_environment({}), url(target));
  REQUIRE(direct.route.direct);
  CHECK(send(target, direct).ok);
  CHECK(origin.requests().size() == 2);
  CHECK(origin.requests().back().rfind("HEAD / HTTP/1.1", 0) == 0);
  CHECK_FALSE(has_via(origin.requests(), proxy.via_marker()));
}

TEST_CASE("a real tinyproxy with BasicAuth: 407 without credentials, through with them",
          "[proxy_resolve][real]") {
  INFO("tinyproxy is not installed: scripts/deps.sh installs it");
  REQUIRE(have_tinyproxy());
  testing::TempDir dir;
  testing::Tinyproxy proxy(dir.path(), "proxy-auth", "alice", "s3cret");
  REQUIRE(proxy.running());
  testing::LoopbackHttpServer origin(kNoContent);
  const std::string target = "http://" + origin.authority() + "/";
  ProxySettings settings;
  settings.use_custom = true;
  settings.custom_server = proxy.authority();
  auto refused = send(target, resolve_proxy(settings, fixed_environment({}), url(target)));
  CHECK_FALSE(refused.ok);
  CHECK(refused.http_status == 407);
  CHECK(refused.failure == ConnectivityFailure::proxy_auth);
  CHECK(origin.requests().empty());

  settings.custom_auth = {"alice", "s3cret"};
  auto through = send(target, resolve_proxy(settings, fixed_environment({}), url(target)));
  INFO(through.message);
  CHECK(through.ok);
  CHECK(has_via(origin.requests(), proxy.via_marker()));

  // The system proxy from a variable with the credentials in it; no report shows the password.
  auto env = fixed_environment({{"http_proxy", "http://alice:s3cret@" + proxy.authority()}});
  auto from_env = send(target, resolve_proxy(ProxySettings{}, env, url(target)));
  INFO(from_env.message);
  CHECK(from_env.ok);
  CHECK(origin.requests().size() == 2);
  CHECK(to_json(from_env).dump().find("s3cret") == std::string::npos);
}

TEST_CASE("a real PAC file (libproxy) sends two hosts through two real proxies",
          "[proxy_resolve][real]") {
  INFO("tinyproxy or libproxy-tools is not installed: scripts/deps.sh installs it");
  REQUIRE(have_tinyproxy());
  REQUIRE(platform::system_runner().find_tool("proxy").has_value());
  testing::TempDir dir;
  testing::Tinyproxy first(dir.path(), "proxy-first");
  testing::Tinyproxy second(dir.path(), "proxy-second");
  REQUIRE(first.running());
  REQUIRE(second.running());
  std::ofstream(dir / "choose.pac")
      << "function FindProxyForURL(url, host) {\n"
      << "  if (host == \"localhost\") return \"PROXY " << first.authority() << "\";\n"
      << "  if (host == \"127.0.0.1\") return \"PROXY " << second.authority() << "\";\n"
      << "  return \"DIRECT\";\n}\n";
  ProxySettings settings;
  settings.use_custom = true;
  settings.custom_pac_url = "file://" + (dir / "choose.pac").string();
  SystemProxySources sources{fixed_environment({}), std::nullopt,
                             platform::pac_evaluator(platform::system_runner())};
  testing::LoopbackHttpServer origin(kNoContent);
  const std::string by_name = "http://localhost:" + std::to_string(origin.port()) + "/";
  auto named = resolve_proxy(settings, sources, url(by_name));
  CHECK(named.route.proxy_url == "http://" + first.authority());
  CHECK(named.route.pac_answer == "PROXY " + first.authority());
  CHECK(send(by_name, named).ok);
  CHECK(has_via(origin.requests(), first.via_marker()));

  const std::string by_address = "http://" + origin.authority() + "/";
  auto addressed = resolve_proxy(settings, sources, url(by_address));
  CHECK(addressed.route.proxy_url == "http://" + second.authority());
  CHECK(send(by_address, addressed).ok);
  CHECK(has_via(origin.requests(), second.via_marker()));
}
