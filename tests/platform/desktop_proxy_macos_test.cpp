// Runs on macOS only (tests/platform/CMakeLists.txt): scutil is scripted, since the values of a
// real Mac's network settings cannot be chosen by a test.
#include <catch2/catch.hpp>

#include "fake_runner.hpp"
#include "platform/desktop_proxy.hpp"

using namespace postern::platform;

TEST_CASE("macOS asks scutil --proxy", "[desktop_proxy_macos]") {
  postern::testing::FakeRunner runner;
  runner.on({"scutil", "--proxy"},
            postern::testing::ok("<dictionary> {\n  HTTPEnable : 1\n  HTTPProxy : p.lan\n"
                                 "  HTTPPort : 8080\n}\n"));
  auto proxy = read_desktop_proxy(postern::base::fixed_environment({}), runner);
  CHECK(proxy.http == "p.lan:8080");
  postern::testing::FakeRunner failing;
  failing.on({"scutil"}, postern::testing::exited(1, ""));
  CHECK(read_desktop_proxy(postern::base::fixed_environment({}), failing).problem ==
        "`scutil --proxy` failed (exit 1)");
}
