#include <catch2/catch.hpp>
#include <fstream>

#include "fake_runner.hpp"
#include "platform/desktop_proxy.hpp"
#include "support/temp_dir.hpp"

using namespace postern::platform;
using postern::base::fixed_environment;

TEST_CASE("XDG_CURRENT_DESKTOP picks KDE's file", "[desktop_proxy_linux]") {
  postern::testing::TempDir config;
  std::ofstream(config / "kioslaverc") << "[Proxy Settings]\nProxyType=1\nhttpProxy=k.lan:1\n";
  postern::testing::FakeRunner runner;  // KDE needs no tool
  auto proxy = read_desktop_proxy(fixed_environment({{"XDG_CURRENT_DESKTOP", "KDE"},
                                                     {"XDG_CONFIG_HOME", config.path().string()}}),
                                  runner);
  CHECK(proxy.http == "k.lan:1");
  CHECK(runner.calls.empty());
}

TEST_CASE("XDG_CURRENT_DESKTOP picks GNOME's gsettings, also for desktops built on it",
          "[desktop_proxy_linux]") {
  for (const char* desktop : {"GNOME", "ubuntu:GNOME", "X-Cinnamon", "Unity"}) {
    postern::testing::FakeRunner runner;
    runner.has_tool("gsettings")
        .on({"gsettings", "list-recursively"},
            postern::testing::ok("org.gnome.system.proxy mode 'manual'\n"
                                 "org.gnome.system.proxy.http host 'g.lan'\n"
                                 "org.gnome.system.proxy.http port 2\n"));
    auto proxy = read_desktop_proxy(fixed_environment({{"XDG_CURRENT_DESKTOP", desktop}}), runner);
    INFO(desktop);
    CHECK(proxy.http == "g.lan:2");
  }
}

TEST_CASE("other desktops keep no proxy settings", "[desktop_proxy_linux]") {
  postern::testing::FakeRunner runner;
  auto xfce = read_desktop_proxy(fixed_environment({{"XDG_CURRENT_DESKTOP", "XFCE"}}), runner);
  CHECK_FALSE(xfce.configured());
  CHECK(xfce.problem ==
        "Postern reads proxy settings from GNOME and KDE only; XDG_CURRENT_DESKTOP is \"XFCE\"");
  auto none = read_desktop_proxy(fixed_environment({}), runner);
  CHECK(none.source == "no desktop (XDG_CURRENT_DESKTOP is not set)");
  CHECK(none.problem.empty());
  CHECK(runner.calls.empty());
}
