#include "platform/system_proxy.hpp"

#include <catch2/catch.hpp>

using postern::base::fixed_environment;
using postern::base::parse_url;
using namespace postern::platform;

namespace {

postern::base::UrlParts url(const char* text) {
  auto parsed = parse_url(text);
  REQUIRE(parsed);
  return parsed.value();
}

}  // namespace

TEST_CASE("the environment's proxy is picked by the URL's scheme, lower case first") {
  auto env = fixed_environment({{"http_proxy", "proxy.lan:3128"},
                                {"HTTP_PROXY", "http://upper:1"},
                                {"HTTPS_PROXY", "http://secure.lan:8080"}});
  auto http = environment_proxy_for(env, url("http://example.com/"));
  CHECK_FALSE(http.direct);
  CHECK(http.proxy_url == "http://proxy.lan:3128");  // a scheme is added when missing
  CHECK(http.source == "http_proxy");
  auto https = environment_proxy_for(env, url("https://example.com/"));
  CHECK(https.proxy_url == "http://secure.lan:8080");
  CHECK(https.source == "HTTPS_PROXY");
}

TEST_CASE("all_proxy is the fallback; nothing set means direct") {
  auto fallback = environment_proxy_for(fixed_environment({{"ALL_PROXY", "socks5://s:1080"}}),
                                        url("https://example.com/"));
  CHECK(fallback.proxy_url == "socks5://s:1080");
  auto none = environment_proxy_for(fixed_environment({}), url("https://example.com/"));
  CHECK(none.direct);
  CHECK(none.source == "no proxy variable is set");
}

TEST_CASE("upper-case HTTP_PROXY is ignored under CGI (httpoxy)") {
  auto env = fixed_environment({{"HTTP_PROXY", "http://attacker:1"}, {"REQUEST_METHOD", "GET"}});
  CHECK(environment_proxy_for(env, url("http://example.com/")).direct);
}

TEST_CASE("no_proxy exempts hosts, subdomains, addresses, blocks and ports") {
  const char* rules = " localhost, .internal.example ,10.0.0.0/8 ,::1, [fd00::]/8,api.test:8443";
  CHECK(bypass_rule_for(rules, url("http://localhost:5555/")) == "localhost");
  CHECK(bypass_rule_for(rules, url("https://a.b.internal.example/")) == ".internal.example");
  CHECK(bypass_rule_for(rules, url("https://internal.example/")) == ".internal.example");
  CHECK(bypass_rule_for(rules, url("https://notinternal.example/")).empty());
  CHECK(bypass_rule_for(rules, url("http://10.20.30.40/")) == "10.0.0.0/8");
  CHECK(bypass_rule_for(rules, url("http://11.0.0.1/")).empty());
  CHECK(bypass_rule_for(rules, url("http://[::1]:80/")) == "::1");
  CHECK(bypass_rule_for(rules, url("http://[fd12::5]/")) == "[fd00::]/8");
  CHECK(bypass_rule_for(rules, url("https://api.test:8443/")) == "api.test:8443");
  CHECK(bypass_rule_for(rules, url("https://api.test/")).empty());  // port 443, not 8443
  CHECK(bypass_rule_for("*", url("https://anything/")) == "*");
  CHECK(bypass_rule_for("*.corp", url("https://x.corp/")) == "*.corp");
  CHECK(bypass_rule_for("10.0.0.0/99,garbage/,:::", url("http://10.0.0.1/")).empty());
}

TEST_CASE("a no_proxy match wins over the proxy variables and names the rule") {
  auto env = fixed_environment({{"https_proxy", "http://p:1"}, {"NO_PROXY", "127.0.0.1"}});
  auto route = environment_proxy_for(env, url("https://127.0.0.1:9/"));
  CHECK(route.direct);
  CHECK(route.bypass_rule == "127.0.0.1");
  CHECK(route.source == "NO_PROXY has \"127.0.0.1\"");
}
