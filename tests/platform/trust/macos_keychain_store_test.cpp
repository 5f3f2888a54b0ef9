// The macOS keychain store's command sequence, with a fake `security` so the real System
// keychain is never touched (compiled only on Apple platforms).
#include <catch2/catch.hpp>

#include "base/codes.hpp"
#include "platform/fake_runner.hpp"
#include "platform/test_ca.hpp"
#include "platform/trust/keychain_commands.hpp"
#include "platform/trust/stores.hpp"

using namespace postern;
using namespace postern::platform::trust;

TEST_CASE("keychain install adds a trusted root as root, then verifies", "[keychain]") {
  testing::TestCa ca;
  testing::FakeRunner fake;
  const std::string listed = "SHA-1 hash: " + ca.ref.sha1_hex + "\n";
  fake.has_tool("sudo")
      .on({"security", "find-certificate"}, testing::ok(""), 1)
      .on({"security", "find-certificate"}, testing::ok(listed))
      .on({"sudo", "-n", "--", "security", "add-trusted-cert"}, testing::ok())
      .on({"security", "verify-cert"}, testing::ok("certificate verification successful.\n"));
  platform::PrivilegedRunner privileged(fake, platform::PrivilegeContext{});
  auto store = make_os_system_store(base::fixed_environment({}), fake, privileged);
  CHECK(store->name() == "macos-keychain");
  auto installed = store->install(ca.ref, std::string(kSystemKeychain));
  CHECK(installed.status == base::Status::done);
  CHECK(fake.calls.at(1).argv.at(3) == "security");
  CHECK(fake.calls.at(1).argv.at(4) == "add-trusted-cert");
}

TEST_CASE("keychain uninstall of an absent CA is already", "[keychain]") {
  testing::TestCa ca;
  testing::FakeRunner fake;
  fake.on({"security", "find-certificate"}, testing::ok(""));
  platform::PrivilegedRunner privileged(fake, platform::PrivilegeContext{});
  auto store = make_os_system_store(base::fixed_environment({}), fake, privileged);
  CHECK(store->uninstall(ca.ref, "").status == base::Status::already);
}
