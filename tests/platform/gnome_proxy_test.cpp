#include "platform/gnome_proxy.hpp"

#include <catch2/catch.hpp>

#include "fake_runner.hpp"
#include "support/temp_dir.hpp"

using namespace postern::platform;
using postern::base::fixed_environment;

namespace {

// `gsettings list-recursively org.gnome.system.proxy` on Debian 12 (GNOME 43), manual mode.
constexpr const char* kManual =
    "org.gnome.system.proxy autoconfig-url ''\n"
    "org.gnome.system.proxy ignore-hosts ['localhost', '127.0.0.0/8', '::1', '*.corp']\n"
    "org.gnome.system.proxy mode 'manual'\n"
    "org.gnome.system.proxy use-same-proxy true\n"
    "org.gnome.system.proxy.ftp host ''\n"
    "org.gnome.system.proxy.ftp port 0\n"
    "org.gnome.system.proxy.http authentication-password \"it's secret\"\n"
    "org.gnome.system.proxy.http authentication-user 'alice'\n"
    "org.gnome.system.proxy.http enabled false\n"
    "org.gnome.system.proxy.http host 'proxy.lan'\n"
    "org.gnome.system.proxy.http port 3128\n"
    "org.gnome.system.proxy.http use-authentication true\n"
    "org.gnome.system.proxy.https host 'secure.lan'\n"
    "org.gnome.system.proxy.https port 3129\n"
    "org.gnome.system.proxy.socks host ''\n"
    "org.gnome.system.proxy.socks port 0\n";

// Runs the real gsettings against a keyfile backend under `home` (never the user's dconf).
std::map<std::string, std::string> private_gsettings(const std::filesystem::path& home) {
  return {{"HOME", home.string()},
          {"XDG_CONFIG_HOME", (home / ".config").string()},
          {"GSETTINGS_BACKEND", "keyfile"}};
}

void gsettings_set(const std::map<std::string, std::string>& env, const std::string& schema,
                   const std::string& key, const std::string& value) {
  Command command;
  command.argv = {"gsettings", "set", schema, key, value};
  command.extra_env = env;
  auto result = system_runner().run(command);
  INFO(result.output);
  REQUIRE(result.succeeded());
}

}  // namespace

TEST_CASE("gsettings output: manual proxies, ignore-hosts and credentials", "[gnome_proxy]") {
  auto proxy = parse_gsettings_proxy(kManual);
  CHECK(proxy.source == "GNOME (gsettings org.gnome.system.proxy)");
  CHECK(proxy.http == "proxy.lan:3128");
  CHECK(proxy.https == "secure.lan:3129");
  CHECK(proxy.socks.empty());
  CHECK(proxy.bypass == std::vector<std::string>{"localhost", "127.0.0.0/8", "::1", "*.corp"});
  CHECK(proxy.username == "alice");
  CHECK(proxy.password == "it's secret");
}

TEST_CASE("gsettings output: auto mode is a PAC file, or WPAD without a URL", "[gnome_proxy]") {
  auto pac = parse_gsettings_proxy(
      "org.gnome.system.proxy mode 'auto'\n"
      "org.gnome.system.proxy autoconfig-url 'http://wpad.lan/proxy.pac'\n"
      "org.gnome.system.proxy.http host 'ignored.lan'\norg.gnome.system.proxy.http port 1\n");
  CHECK(pac.pac_url == "http://wpad.lan/proxy.pac");
  CHECK(pac.http.empty());  // manual settings are not used in auto mode
  auto wpad = parse_gsettings_proxy("org.gnome.system.proxy mode 'auto'\n");
  CHECK(wpad.auto_detect);
  CHECK_FALSE(parse_gsettings_proxy("org.gnome.system.proxy mode 'none'\n").configured());
  CHECK_FALSE(parse_gsettings_proxy("garbage\n\n org.gnome.system.proxy\n").configured());
}

TEST_CASE("GVariant text values", "[gnome_proxy]") {
  CHECK(gvariant_string("'a\\'b'") == "a'b");
  CHECK(gvariant_string("\"it's\"") == "it's");
  CHECK(gvariant_string("3128") == "3128");
  CHECK(gvariant_string("'unterminated") == "unterminated");
  CHECK(gvariant_string_array("@as []").empty());
  CHECK(gvariant_string_array("['a', \"b,c\", 'd\\\\e']") ==
        std::vector<std::string>{"a", "b,c", "d\\e"});
}

TEST_CASE("a missing gsettings or schema is a problem, never the output", "[gnome_proxy]") {
  postern::testing::FakeRunner none;
  auto missing = read_gnome_proxy(fixed_environment({}), none);
  CHECK(missing.problem == "gsettings is not installed (the libglib2.0-bin package)");
  postern::testing::FakeRunner no_schema;
  no_schema.has_tool("gsettings")
      .on({"gsettings"}, postern::testing::exited(1, "No such schema \"org.gnome.system.proxy\""));
  CHECK(read_gnome_proxy(fixed_environment({}), no_schema).problem ==
        "GNOME's proxy schema is not installed (gsettings-desktop-schemas)");
}

TEST_CASE("the real gsettings, on a private keyfile backend", "[gnome_proxy][real]") {
  INFO("gsettings is not installed: scripts/deps.sh installs it");
  REQUIRE(system_runner().find_tool("gsettings").has_value());
  postern::testing::TempDir home;
  const auto env = private_gsettings(home.path());
  const std::string schema = "org.gnome.system.proxy";
  gsettings_set(env, schema, "mode", "manual");
  gsettings_set(env, schema + ".http", "host", "proxy.lan");
  gsettings_set(env, schema + ".http", "port", "3128");
  gsettings_set(env, schema + ".http", "use-authentication", "true");
  gsettings_set(env, schema + ".http", "authentication-user", "bob");
  gsettings_set(env, schema + ".http", "authentication-password", "pa ss'word");
  gsettings_set(env, schema, "ignore-hosts", "['localhost', '*.corp']");
  auto proxy = read_gnome_proxy(fixed_environment(env), system_runner());
  CHECK(proxy.problem.empty());
  CHECK(proxy.http == "proxy.lan:3128");
  CHECK(proxy.username == "bob");
  CHECK(proxy.password == "pa ss'word");
  CHECK(proxy.bypass == std::vector<std::string>{"localhost", "*.corp"});

  gsettings_set(env, schema, "mode", "auto");
  gsettings_set(env, schema, "autoconfig-url", "http://127.0.0.1:9/proxy.pac");
  auto automatic = read_gnome_proxy(fixed_environment(env), system_runner());
  CHECK(automatic.pac_url == "http://127.0.0.1:9/proxy.pac");
  CHECK(automatic.http.empty());
}
