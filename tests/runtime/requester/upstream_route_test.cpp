#include "runtime/requester/upstream_route.hpp"

#include <catch2/catch.hpp>

#include "platform/desktop_proxy.hpp"
#include "platform/pac_proxy.hpp"

using namespace postern::requester;
using postern::base::fixed_environment;

namespace {

constexpr std::uint16_t kOwnPort = 5555;

// The system proxy from the environment, as a shell set up for a corporate proxy has it.
postern::proxy::UpstreamProxyRoute system_route(std::map<std::string, std::string> env) {
  return upstream_route(ProxySettings{}, fixed_environment(std::move(env)), kOwnPort);
}

ProxySettings custom_proxy(std::string server, ProxyCredentials auth = {}) {
  ProxySettings settings;
  settings.use_custom = true;
  settings.custom_server = std::move(server);
  settings.custom_auth = std::move(auth);
  return settings;
}

}  // namespace

TEST_CASE("basic_authorization encodes user:password", "[requester][upstream_route]") {
  CHECK(basic_authorization({"user", "pass"}) == "Basic dXNlcjpwYXNz");  // RFC 7617's shape
  CHECK(basic_authorization({"Aladdin", "open sesame"}) == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  CHECK(basic_authorization({"a", ""}) == "Basic YTo=");
  CHECK(basic_authorization({"", ""}) == "Basic Og==");
}

TEST_CASE("the system proxy from the environment, per origin", "[requester][upstream_route]") {
  const auto route =
      system_route({{"http_proxy", "http://proxy.test:3128"}, {"no_proxy", "internal.test"}});
  const auto upstream = route("http", "example.com", 80);
  REQUIRE(upstream);
  CHECK(upstream->host == "proxy.test");
  CHECK(upstream->port == 3128);
  CHECK(upstream->authorization.empty());
  CHECK_THAT(upstream->description, Catch::Contains("system proxy"));
  CHECK_THAT(upstream->description, Catch::Contains("http_proxy"));

  CHECK_FALSE(route("http", "internal.test", 80));      // bypassed
  CHECK_FALSE(route("http", "api.internal.test", 80));  // and its subdomains
  CHECK_FALSE(route("https", "example.com", 443));      // http_proxy is for http:// only
}

TEST_CASE("https and IPv6 origins through the system proxy", "[requester][upstream_route]") {
  const auto route = system_route({{"https_proxy", "secure-proxy.test:8443"}});
  auto upstream = route("https", "example.com", 443);
  REQUIRE(upstream);
  CHECK(upstream->host == "secure-proxy.test");
  CHECK(upstream->port == 8443);
  upstream = route("wss", "2001:db8::1", 443);
  REQUIRE(upstream);
  CHECK(upstream->host == "secure-proxy.test");
  CHECK_FALSE(route("http", "example.com", 80));
}

TEST_CASE("a proxy that is this proxy is no proxy", "[requester][upstream_route]") {
  for (const char* own :
       {"http://127.0.0.1:5555", "127.0.0.1:5555", "http://localhost:5555", "http://[::1]:5555"}) {
    INFO(own);
    CHECK_FALSE(system_route({{"http_proxy", own}})("http", "example.com", 80));
  }
  // The same address on another port is another proxy.
  const auto other = system_route({{"http_proxy", "http://127.0.0.1:3128"}})("http", "a.test", 80);
  REQUIRE(other);
  CHECK(other->host == "127.0.0.1");
  CHECK(other->port == 3128);
}

TEST_CASE("the custom proxy carries its credentials", "[requester][upstream_route]") {
  const auto route =
      upstream_route(custom_proxy("corp.test:8080", {"user", "pass"}),
                     fixed_environment({{"http_proxy", "http://other.test:1"}}), kOwnPort);
  for (const char* scheme : {"http", "https"}) {
    INFO(scheme);
    const auto upstream = route(scheme, "example.com", 443);
    REQUIRE(upstream);
    CHECK(upstream->host == "corp.test");
    CHECK(upstream->port == 8080);
    CHECK(upstream->authorization == "Basic dXNlcjpwYXNz");
    CHECK(upstream->description == "custom proxy");
  }
}

TEST_CASE("the custom proxy's bypass list and the system proxy's credentials",
          "[requester][upstream_route]") {
  ProxySettings settings = custom_proxy("corp.test:8080");
  settings.custom_bypass = "localhost, .lan";
  const auto route = upstream_route(settings, fixed_environment({}), kOwnPort);
  CHECK_FALSE(route("http", "printer.lan", 80));
  const auto upstream = route("http", "example.com", 80);
  REQUIRE(upstream);
  CHECK(upstream->authorization.empty());  // no credentials configured, none sent

  ProxySettings system;
  system.system_auth = {"alice", "pw"};
  const auto with_auth = upstream_route(system, fixed_environment({{"all_proxy", "p.test:3128"}}),
                                        kOwnPort)("https", "example.com", 443);
  REQUIRE(with_auth);
  CHECK(with_auth->authorization == basic_authorization({"alice", "pw"}));
}

TEST_CASE("credentials in the proxy URL itself are sent, percent-escapes decoded",
          "[requester][upstream_route]") {
  const auto route = system_route({{"https_proxy", "http://bob:p%40ss%3Aw@corp.test:3128"}});
  const auto upstream = route("https", "example.com", 443);
  REQUIRE(upstream);
  CHECK(upstream->host == "corp.test");
  CHECK(upstream->authorization == basic_authorization({"bob", "p@ss:w"}));

  // Credentials set in Postern's settings win over those in the URL.
  ProxySettings system;
  system.system_auth = {"alice", "pw"};
  const auto settings_first =
      upstream_route(system, fixed_environment({{"https_proxy", "http://bob:x@corp.test:3128"}}),
                     kOwnPort)("https", "example.com", 443);
  REQUIRE(settings_first);
  CHECK(settings_first->authorization == basic_authorization({"alice", "pw"}));
}

TEST_CASE("no proxy configured is direct", "[requester][upstream_route]") {
  CHECK_FALSE(system_route({})("http", "example.com", 80));
  ProxySettings off;
  off.use_system = false;
  CHECK_FALSE(upstream_route(off, fixed_environment({{"http_proxy", "p.test:1"}}), kOwnPort)(
      "http", "example.com", 80));
}

TEST_CASE("the desktop's PAC file picks the upstream, once per origin",
          "[requester][upstream_route]") {
  SystemProxySources sources;
  sources.env = fixed_environment({});
  postern::platform::DesktopProxy desktop;
  desktop.source = "test desktop";
  desktop.pac_url = "http://wpad.test/proxy.pac";
  sources.desktop = desktop;
  int evaluations = 0;
  sources.pac = [&](const std::string& pac_url, const std::string& target_url) {
    ++evaluations;
    CHECK(pac_url == "http://wpad.test/proxy.pac");
    postern::platform::PacAnswer answer;
    answer.evaluated = true;
    answer.proxies = {target_url.find("intranet") != std::string::npos ? "direct://"
                                                                       : "http://pac.test:3128"};
    return answer;
  };
  const auto route = upstream_route(ProxySettings{}, std::move(sources), kOwnPort);
  auto first = route("https", "api.example.com", 443);
  REQUIRE(first);
  CHECK(first->host == "pac.test");
  CHECK(first->port == 3128);
  CHECK(route("https", "api.example.com", 443)->host == "pac.test");
  CHECK_FALSE(route("http", "intranet.corp", 80));
  CHECK_FALSE(route("http", "intranet.corp", 80));
  CHECK(evaluations == 2);  // one per origin, not one per connection
  CHECK(route("http", "api.example.com", 80));
  CHECK(evaluations == 3);  // another scheme and port is another origin
}
