#include "platform/desktop_proxy.hpp"

#include <catch2/catch.hpp>

using namespace postern::platform;

namespace {

postern::base::UrlParts url(const char* text) {
  auto parsed = postern::base::parse_url(text);
  REQUIRE(parsed);
  return parsed.value();
}

DesktopProxy manual() {
  DesktopProxy desktop;
  desktop.source = "GNOME";
  desktop.http = "proxy.lan:3128";
  desktop.https = "secure.lan:8443";
  desktop.bypass = {"localhost", "10.*", "*.corp.example", "192.168.0.0/16", "intra:8080"};
  return desktop;
}

// A PAC engine that answers from a table, recording what it was asked.
struct TablePac {
  PacAnswer answer;
  std::vector<std::pair<std::string, std::string>> asked;
  PacEvaluator evaluator() {
    return [this](const std::string& pac_url, const std::string& target) {
      asked.emplace_back(pac_url, target);
      return answer;
    };
  }
};

}  // namespace

TEST_CASE("manual desktop proxies are picked by scheme", "[desktop_proxy]") {
  auto http = desktop_proxy_for(manual(), url("http://example.com/"), {});
  CHECK_FALSE(http.route.direct);
  CHECK(http.route.proxy_url == "http://proxy.lan:3128");
  CHECK(http.route.source == "GNOME, http proxy");
  auto https = desktop_proxy_for(manual(), url("https://example.com/"), {});
  CHECK(https.route.proxy_url == "http://secure.lan:8443");
  CHECK(https.reasons.back() == "GNOME's https proxy is http://secure.lan:8443");

  DesktopProxy socks_only;
  socks_only.source = "KDE";
  socks_only.socks = "socks5h://s.lan:1080";
  CHECK(desktop_proxy_for(socks_only, url("https://example.com/"), {}).route.proxy_url ==
        "socks5h://s.lan:1080");
  DesktopProxy http_only = manual();
  http_only.https.clear();
  auto none = desktop_proxy_for(http_only, url("https://example.com/"), {});
  CHECK(none.route.direct);
  CHECK(none.route.source == "GNOME sets no proxy for https");
}

TEST_CASE("desktop bypass entries: names, globs, networks, ports, <local>", "[desktop_proxy]") {
  const auto desktop = manual();
  auto check_bypass = [&](const char* target, const char* rule) {
    auto route = desktop_proxy_for(desktop, url(target), {});
    INFO(target);
    CHECK(route.route.direct);
    CHECK(route.route.bypass_rule == rule);
  };
  check_bypass("http://localhost:3000/", "localhost");
  check_bypass("http://10.1.2.3/", "10.*");
  check_bypass("https://build.corp.example/", "*.corp.example");
  check_bypass("http://192.168.4.5/", "192.168.0.0/16");
  check_bypass("http://intra:8080/", "intra:8080");
  CHECK_FALSE(desktop_proxy_for(desktop, url("http://intra:9090/"), {}).route.direct);
  CHECK_FALSE(desktop_proxy_for(desktop, url("http://110.1.2.3/"), {}).route.direct);
  CHECK(desktop_bypass_rule_for({"<local>"}, url("http://printer/")) == "<local>");
  CHECK(desktop_bypass_rule_for({"<local>"}, url("http://printer.lan/")).empty());
  CHECK(desktop_bypass_rule_for({"*"}, url("http://anything.example/")) == "*");
  CHECK(desktop_bypass_rule_for({"  *.Corp.Example "}, url("http://a.corp.example/")) ==
        "*.corp.example");

  DesktopProxy simple = manual();
  simple.bypass.clear();
  simple.bypass_simple_hosts = true;
  CHECK(desktop_proxy_for(simple, url("http://printer/"), {}).route.direct);
  CHECK_FALSE(desktop_proxy_for(simple, url("http://printer.lan/"), {}).route.direct);
}

TEST_CASE("KDE's reversed list names the only hosts that use the proxy", "[desktop_proxy]") {
  DesktopProxy reversed = manual();
  reversed.bypass = {".corp.example"};
  reversed.bypass_reversed = true;
  CHECK_FALSE(desktop_proxy_for(reversed, url("http://a.corp.example/"), {}).route.direct);
  auto other = desktop_proxy_for(reversed, url("http://example.com/"), {});
  CHECK(other.route.direct);
  CHECK(other.route.source == "GNOME: example.com is not in its list of proxied hosts");
}

TEST_CASE("a desktop PAC file decides first; when it fails, the manual proxies do",
          "[desktop_proxy]") {
  DesktopProxy desktop = manual();
  desktop.pac_url = "http://wpad.lan/proxy.pac";
  TablePac pac;
  pac.answer.evaluated = true;
  pac.answer.returned = "PROXY pac.lan:1; DIRECT";
  pac.answer.proxies = {"http://pac.lan:1", "direct://"};
  auto route = desktop_proxy_for(desktop, url("https://api.example.com/v1"), pac.evaluator());
  CHECK(route.route.proxy_url == "http://pac.lan:1");
  CHECK(route.route.pac_url == "http://wpad.lan/proxy.pac");
  CHECK(route.pac_answer == "PROXY pac.lan:1; DIRECT");
  REQUIRE(pac.asked.size() == 1);
  CHECK(pac.asked[0].second == "https://api.example.com:443/");

  pac.answer.proxies = {"direct://"};
  CHECK(desktop_proxy_for(desktop, url("http://example.com/"), pac.evaluator()).route.direct);

  TablePac broken;
  broken.answer.problem = "libproxy could not fetch the PAC file";
  auto fallback = desktop_proxy_for(desktop, url("http://example.com/"), broken.evaluator());
  CHECK(fallback.route.proxy_url == "http://proxy.lan:3128");
  CHECK(fallback.reasons.front() ==
        "GNOME names the PAC file http://wpad.lan/proxy.pac; it was not used: libproxy could not "
        "fetch the PAC file");
  auto no_engine = desktop_proxy_for(desktop, url("http://example.com/"), {});
  CHECK(no_engine.reasons.front() ==
        "GNOME names the PAC file http://wpad.lan/proxy.pac, but no PAC engine was given here");
}

TEST_CASE("WPAD is reported, and KDE's environment mode defers", "[desktop_proxy]") {
  DesktopProxy wpad;
  wpad.source = "KDE";
  wpad.auto_detect = true;
  auto route = desktop_proxy_for(wpad, url("http://example.com/"), {});
  CHECK(route.route.direct);
  CHECK(route.reasons.front().find("(WPAD), which Postern does not do") != std::string::npos);
  CHECK(wpad.configured());

  DesktopProxy env;
  env.source = "KDE";
  env.use_environment = true;
  CHECK(desktop_proxy_for(env, url("http://example.com/"), {}).uses_environment);
  CHECK_FALSE(DesktopProxy{}.configured());
}

TEST_CASE("proxy entries get a scheme when they have none", "[desktop_proxy]") {
  CHECK(proxy_url_of("p.lan:1", "http") == "http://p.lan:1");
  CHECK(proxy_url_of(" socks5://s:2 ", "http") == "socks5://s:2");
}
