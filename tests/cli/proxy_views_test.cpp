#include "cli/proxy_views.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace postern;
using namespace postern::cli;
using nlohmann::json;

TEST_CASE("settings are shown with passwords as ***", "[cli][proxy]") {
  requester::ProxySettings settings;
  settings.custom_auth = {"u", "secret"};
  const json shown = redacted_settings_json(settings);
  CHECK(shown["custom"]["auth"] == json{{"username", "u"}, {"password", "***"}});
  CHECK(shown["system"]["auth"] == json{{"username", ""}, {"password", ""}});
}

TEST_CASE("the environment's proxy variables are listed redacted", "[cli][proxy]") {
  auto env = base::fixed_environment(
      {{"ALL_PROXY", "socks5://u:pw@s:1"}, {"PATH", "/bin"}, {"no_proxy", "*"}});
  CHECK(proxy_environment_json(env) ==
        json{{"ALL_PROXY", "socks5://u:***@s:1"}, {"no_proxy", "*"}});
}

TEST_CASE("an explanation prints the route, the bypass entry, the PAC answer, the steps",
          "[cli][proxy]") {
  requester::ResolvedProxy resolved;
  resolved.route.direct = true;
  resolved.route.bypass_rule = "localhost";
  resolved.route.pac_url = "http://wpad/p.pac";
  resolved.route.pac_answer = "DIRECT";
  resolved.setting = "custom";
  resolved.reasons = {"one", "two\x1b[31m"};
  std::ostringstream out;
  print_proxy_explanation(out, explanation_json("http://u:pw@localhost/", resolved));
  CHECK(out.str() ==
        "http://u:***@localhost/ goes direct\n"
        "  setting:      custom\n"
        "  bypass entry: \"localhost\"\n"
        "  PAC file:     http://wpad/p.pac returned \"DIRECT\"\n"
        "why:\n"
        "  1. one\n"
        "  2. two?[31m\n");
}

TEST_CASE("a desktop is shown with its problem and without its password", "[cli][proxy]") {
  platform::DesktopProxy desktop;
  desktop.source = "KDE (k)";
  desktop.problem = "note";
  desktop.auto_detect = true;
  desktop.bypass = {"a", "b"};
  desktop.bypass_reversed = true;
  desktop.password = "pw";
  const json shown = desktop_json(desktop);
  CHECK(shown.dump().find("pw") == std::string::npos);
  std::ostringstream out;
  print_proxy_show(out, json{{"settings_file", "/s.json"},
                             {"settings", redacted_settings_json({})},
                             {"system", {{"environment", json::object()}, {"desktop", shown}}},
                             {"precedence", "p"}});
  CHECK(out.str().find("  bypass:       a, b (only these use the proxy)\n") != std::string::npos);
  CHECK(out.str().find("  detect (WPAD): on (not supported by Postern)\n") != std::string::npos);
  CHECK(out.str().find("environment:    no proxy variables\n") != std::string::npos);
}
