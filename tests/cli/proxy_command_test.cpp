#include "cli/proxy_command.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "cli_harness.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::cli;
using nlohmann::json;

namespace {

// The proxy commands over a temp config folder, a fixed environment and a scripted desktop.
struct ProxyHarness {
  testing::TempDir home;
  testing::CliHarness cli;
  std::istringstream in;
  std::map<std::string, std::string> variables;
  std::optional<platform::DesktopProxy> desktop;

  std::filesystem::path settings() const { return home / "settings.json"; }

  int run(const std::vector<std::string>& args, const std::string& stdin_text = "") {
    in.str(stdin_text);
    in.clear();
    ProxyCommandEnv env{[this]() -> base::Result<base::AppPaths> {
                          return base::AppPaths{home.path(), {}, {}};
                        },
                        base::fixed_environment(variables),
                        [this](const base::Environment& e) {
                          return requester::SystemProxySources{e, desktop, {}};
                        },
                        &in,
                        &cli.out,
                        &cli.err};
    return cli.run(args, [&](CLI::App& app, OutputOptions& output, int& exit_code) {
      add_proxy_command(app, output, exit_code, env);
    });
  }
};

}  // namespace

TEST_CASE("proxy set writes settings.json, reads passwords from stdin, never echoes them",
          "[cli][proxy]") {
  ProxyHarness h;
  std::ofstream(h.settings()) << R"({"connectivity": {"url": "https://example.org/"}})";
  CHECK(h.run({"proxy", "set", "--custom", "proxy.lan:3128", "--custom-user", "bob",
               "--custom-password-stdin", "--bypass", "localhost, .corp", "--custom-http", "off"},
              "hunter2\n") == kSuccess);
  CHECK(h.cli.out.str().find("hunter2") == std::string::npos);
  const json written = json::parse(testing::file_text(h.settings()));
  CHECK(written["connectivity"]["url"] == "https://example.org/");  // other fields kept
  CHECK(written["proxy"]["custom"]["enabled"] == true);
  CHECK(written["proxy"]["custom"]["server"] == "proxy.lan:3128");
  CHECK(written["proxy"]["custom"]["http"] == false);
  CHECK(written["proxy"]["custom"]["auth"] == json{{"username", "bob"}, {"password", "hunter2"}});
  CHECK(written["proxy"]["custom"]["bypass"] == "localhost, .corp");
  struct stat info {};
  REQUIRE(::stat(h.settings().c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  CHECK(h.run({"proxy", "set", "--system", "off", "--system-user", "sys", "--system-password-stdin",
               "--json"},
              "pw\r\n") == kSuccess);
  const json answer = json::parse(h.cli.out.str().substr(h.cli.out.str().find('{')));
  CHECK(answer["settings"]["system"]["auth"] == json{{"username", "sys"}, {"password", "***"}});
  CHECK(answer["settings"]["custom"]["auth"]["password"] == "***");
  CHECK(json::parse(testing::file_text(h.settings()))["proxy"]["system"]["auth"]["password"] ==
        "pw");
}

TEST_CASE("proxy set refuses bad values and leaves the file as it was", "[cli][proxy]") {
  ProxyHarness h;
  CHECK(h.run({"proxy", "set", "--custom", "http://p:1"}) == kFailure);
  CHECK(h.cli.err.str().find("must be host:port, without a protocol") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(h.settings()));
  h.cli.err.str("");
  CHECK(h.run({"proxy", "set", "--pac", "https://wpad/p.pac"}) == kFailure);
  CHECK(h.cli.err.str().rfind("error: proxy.custom.pac_url \"https://wpad/p.pac\" must be", 0) ==
        0);
  CHECK(h.run({"proxy", "set", "--system", "maybe"}) == kUsage);
  CHECK(h.run({"proxy", "set", "--custom", "p:1", "--custom-off"}) == kUsage);
  CHECK(h.run({"proxy", "set", "--system-password-stdin", "--custom-password-stdin"}) == kUsage);
  std::ofstream(h.settings()) << "{broken";
  CHECK(h.run({"proxy", "set", "--system", "off"}) == kFailure);
  CHECK(testing::file_text(h.settings()) == "{broken");
}

TEST_CASE("proxy show: the settings, the environment and the desktop, redacted", "[cli][proxy]") {
  ProxyHarness h;
  h.variables = {{"https_proxy", "http://user:topsecret@env.lan:1"}, {"no_proxy", "localhost"}};
  platform::DesktopProxy gnome;
  gnome.source = "GNOME (gsettings org.gnome.system.proxy)";
  gnome.http = "desk.lan:3128";
  gnome.username = "g";
  gnome.password = "gnome-secret";
  h.desktop = gnome;
  REQUIRE(h.run({"proxy", "set", "--system-user", "a", "--system-password-stdin"}, "pw-a\n") ==
          kSuccess);
  h.cli.out.str("");
  CHECK(h.run({"proxy", "show"}) == kSuccess);
  const std::string text = h.cli.out.str();
  for (const char* secret : {"topsecret", "gnome-secret", "pw-a"})
    CHECK(text.find(secret) == std::string::npos);
  CHECK(text.find("environment:    https_proxy=http://user:***@env.lan:1") != std::string::npos);
  CHECK(text.find("desktop:        GNOME (gsettings org.gnome.system.proxy)") != std::string::npos);
  CHECK(text.find("  http          desk.lan:3128") != std::string::npos);
  CHECK(text.find("system proxy:   on (environment variables on; auth: a (password set))") !=
        std::string::npos);

  h.cli.out.str("");
  CHECK(h.run({"proxy", "show", "--json"}) == kSuccess);
  const json shown = h.cli.out_json();
  CHECK(shown["system"]["environment"]["no_proxy"] == "localhost");
  CHECK(shown["system"]["desktop"]["http"] == "desk.lan:3128");
  CHECK(shown["settings"]["system"]["auth"]["password"] == "***");
  CHECK(shown.dump().find("secret") == std::string::npos);
}

TEST_CASE("proxy explain says which proxy and why", "[cli][proxy]") {
  ProxyHarness h;
  platform::DesktopProxy gnome;
  gnome.source = "GNOME";
  gnome.https = "desk.lan:3128";
  gnome.bypass = {"*.corp"};
  h.desktop = gnome;
  CHECK(h.run({"proxy", "explain", "https://api.example.com/v1"}) == kSuccess);
  CHECK(h.cli.out.str() ==
        "https://api.example.com/v1 goes through http://desk.lan:3128\n"
        "  setting:      system (GNOME)\n"
        "why:\n"
        "  1. the custom proxy is off\n"
        "  2. the system proxy is on\n"
        "  3. the environment names no proxy\n"
        "  4. GNOME's https proxy is http://desk.lan:3128\n");

  h.cli.out.str("");
  CHECK(h.run({"proxy", "explain", "https://build.corp/", "--json"}) == kSuccess);
  const json explained = h.cli.out_json();
  CHECK(explained["direct"] == true);
  CHECK(explained["bypass_entry"] == "*.corp");
  CHECK(explained["setting"] == "system (GNOME)");

  h.variables = {{"http_proxy", "http://u:envsecret@env.lan:8080"}};
  h.cli.out.str("");
  CHECK(h.run({"proxy", "explain", "http://example.com/"}) == kSuccess);
  CHECK(h.cli.out.str().find("goes through http://env.lan:8080\n") != std::string::npos);
  CHECK(h.cli.out.str().find("  credentials:  u (from the proxy URL)\n") != std::string::npos);
  CHECK(h.cli.out.str().find("envsecret") == std::string::npos);
  CHECK(h.run({"proxy", "explain", "ftp://example.com/"}) == kUsage);
}
