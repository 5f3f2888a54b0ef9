#include "runtime/requester/proxy_settings.hpp"

#include <catch2/catch.hpp>

using namespace postern::requester;
using nlohmann::json;
using postern::base::fixed_environment;

namespace {

postern::base::UrlParts url(const char* text) {
  auto parsed = postern::base::parse_url(text);
  REQUIRE(parsed);
  return parsed.value();
}

ProxySettings custom(const char* server, const char* bypass = "") {
  auto settings = proxy_settings_from_json({{"custom",
                                             {{"enabled", true},
                                              {"server", server},
                                              {"bypass", bypass},
                                              {"auth", {{"username", "u"}, {"password", "p"}}}}}});
  REQUIRE(settings);
  return settings.value();
}

}  // namespace

TEST_CASE("proxy settings default to the system proxy from the environment") {
  auto settings = proxy_settings_from_json(json::object());
  REQUIRE(settings);
  CHECK(settings.value().use_system);
  CHECK_FALSE(settings.value().use_custom);
  auto env = fixed_environment({{"https_proxy", "corp:3128"}});
  auto resolved = resolve_proxy(settings.value(), env, url("https://example.com/"));
  CHECK_FALSE(resolved.route.direct);
  CHECK(resolved.route.proxy_url == "http://corp:3128");
  CHECK(resolved.route.source == "system proxy (https_proxy)");
}

TEST_CASE("the system proxy's credentials go with it") {
  auto settings = proxy_settings_from_json(
      {{"system", {{"auth", {{"username", "alice"}, {"password", "pw"}}}}}});
  REQUIRE(settings);
  auto resolved = resolve_proxy(settings.value(), fixed_environment({{"http_proxy", "p:1"}}),
                                url("http://example.com/"));
  CHECK(resolved.credentials.username == "alice");
  CHECK(resolved.credentials.password == "pw");
}

TEST_CASE("the custom proxy wins over the system proxy, for the schemes it is on for") {
  auto env = fixed_environment({{"https_proxy", "system:1"}});
  auto resolved = resolve_proxy(custom("custom.lan:8080"), env, url("https://example.com/"));
  CHECK(resolved.route.proxy_url == "http://custom.lan:8080");
  CHECK(resolved.route.source == "custom proxy");
  CHECK(resolved.credentials.username == "u");

  auto settings = custom("custom.lan:8080");
  settings.custom_for_https = false;
  auto https = resolve_proxy(settings, env, url("https://example.com/"));
  CHECK(https.route.proxy_url == "http://system:1");  // HTTPS falls back to the system proxy
}

TEST_CASE("the custom proxy's bypass list sends matching hosts direct") {
  auto resolved = resolve_proxy(custom("c:1", "localhost, .internal"), fixed_environment({}),
                                url("https://api.internal/"));
  CHECK(resolved.route.direct);
  CHECK(resolved.route.source == "the custom proxy's bypass list has \".internal\"");
}

TEST_CASE("both proxies off means direct, whatever the environment says") {
  auto settings = proxy_settings_from_json({{"system", {{"enabled", false}}}});
  REQUIRE(settings);
  auto resolved = resolve_proxy(settings.value(), fixed_environment({{"https_proxy", "p:1"}}),
                                url("https://example.com/"));
  CHECK(resolved.route.direct);
  CHECK(resolved.route.source == "no proxy is configured");

  auto no_env = proxy_settings_from_json({{"system", {{"use_environment", false}}}});
  REQUIRE(no_env);
  CHECK(resolve_proxy(no_env.value(), fixed_environment({{"https_proxy", "p:1"}}),
                      url("https://example.com/"))
            .route.direct);
}

TEST_CASE("a bad custom server or a wrong type is an error naming the field") {
  auto with_scheme =
      proxy_settings_from_json({{"custom", {{"enabled", true}, {"server", "http://p:1"}}}});
  REQUIRE_FALSE(with_scheme);
  CHECK(with_scheme.error().message ==
        "proxy.custom.server \"http://p:1\" must be host:port, without a protocol");
  auto no_port = proxy_settings_from_json({{"custom", {{"enabled", true}, {"server", "p"}}}});
  REQUIRE_FALSE(no_port);
  CHECK(no_port.error().message == "proxy.custom.server \"p\" has no port");
  auto empty = proxy_settings_from_json({{"custom", {{"enabled", true}}}});
  REQUIRE_FALSE(empty);
  CHECK(empty.error().message == "proxy.custom.server \"\" is empty");
  auto wrong = proxy_settings_from_json({{"system", {{"enabled", "no"}}}});
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message == "proxy.system.enabled must be true or false");
  // A server that is off is not checked: the user may be half-way through typing it.
  CHECK(proxy_settings_from_json({{"custom", {{"enabled", false}, {"server", "x"}}}}));
}
