#include "base/app_paths.hpp"

#include <catch2/catch.hpp>

using namespace postern::base;

TEST_CASE("POSTERN_HOME relocates every folder on every OS", "[base][paths]") {
  auto env = fixed_environment({{"POSTERN_HOME", "/tmp/ph"}, {"HOME", "/home/u"}});
  for (Os os : {Os::Linux, Os::MacOS, Os::Windows}) {
    auto paths = resolve_app_paths(os, env, 1000);
    REQUIRE(paths);
    CHECK(paths.value().config == "/tmp/ph/config");
    CHECK(paths.value().data == "/tmp/ph/data");
    CHECK(paths.value().runtime == "/tmp/ph/run");
    CHECK(paths.value().proxy_dir() == "/tmp/ph/config/proxy");
    CHECK(paths.value().ledger_file() == "/tmp/ph/config/install-ledger.json");
    CHECK(paths.value().settings_file() == "/tmp/ph/config/settings.json");
  }
}

TEST_CASE("Linux follows the XDG base directories", "[base][paths]") {
  auto plain = resolve_app_paths(Os::Linux, fixed_environment({{"HOME", "/home/u"}}), 1000);
  REQUIRE(plain);
  CHECK(plain.value().config == "/home/u/.config/postern");
  CHECK(plain.value().data == "/home/u/.local/share/postern");
  CHECK(plain.value().runtime == "/tmp/postern-1000");
  CHECK(plain.value().proxy_dir() == "/home/u/.config/postern/proxy");

  auto xdg = resolve_app_paths(Os::Linux,
                               fixed_environment({{"HOME", "/home/u"},
                                                  {"XDG_CONFIG_HOME", "/x/c"},
                                                  {"XDG_DATA_HOME", "/x/d"},
                                                  {"XDG_RUNTIME_DIR", "/run/user/1000"}}),
                               1000);
  REQUIRE(xdg);
  CHECK(xdg.value().config == "/x/c/postern");
  CHECK(xdg.value().data == "/x/d/postern");
  CHECK(xdg.value().runtime == "/run/user/1000/postern");

  // The XDG spec says relative values are invalid and must be ignored.
  auto relative = resolve_app_paths(
      Os::Linux, fixed_environment({{"HOME", "/home/u"}, {"XDG_CONFIG_HOME", "rel"}}), 7);
  REQUIRE(relative);
  CHECK(relative.value().config == "/home/u/.config/postern");
}

TEST_CASE("macOS and Windows use their application folders", "[base][paths]") {
  auto mac = resolve_app_paths(Os::MacOS, fixed_environment({{"HOME", "/Users/u"}}), 501);
  REQUIRE(mac);
  CHECK(mac.value().config == "/Users/u/Library/Application Support/Postern");
  CHECK(mac.value().data == mac.value().config);

  auto win = resolve_app_paths(Os::Windows,
                               fixed_environment({{"APPDATA", "C:/U/AppData/Roaming"},
                                                  {"LOCALAPPDATA", "C:/U/AppData/Local"}}),
                               0);
  REQUIRE(win);
  CHECK(win.value().config == std::filesystem::path("C:/U/AppData/Roaming") / "Postern");
  CHECK(win.value().data == std::filesystem::path("C:/U/AppData/Local") / "Postern");
}

TEST_CASE("no home gives an error that says what to set", "[base][paths]") {
  auto on_linux = resolve_app_paths(Os::Linux, fixed_environment({}), 1000);
  REQUIRE_FALSE(on_linux);
  CHECK(on_linux.error().code == paths_errc::no_home);
  CHECK(on_linux.error().remedy.find("POSTERN_HOME") != std::string::npos);
  CHECK_FALSE(resolve_app_paths(Os::Windows, fixed_environment({{"HOME", "/h"}}), 0));
}
