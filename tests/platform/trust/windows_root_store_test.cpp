// The Windows ROOT store's probe (compiled only on Windows). Install and uninstall are not run
// here: importing into CurrentUser\ROOT shows a confirmation dialog that blocks an unattended run.
#include <catch2/catch.hpp>

#include "platform/fake_runner.hpp"
#include "platform/trust/stores.hpp"

using namespace postern;
using namespace postern::platform::trust;

TEST_CASE("the Windows root store names the store it works on", "[windows]") {
  testing::FakeRunner fake;
  platform::PrivilegedRunner user(fake, platform::PrivilegeContext{false, false, false});
  auto store = make_os_system_store(base::fixed_environment({}), fake, user);
  CHECK(store->name() == "windows-root");
  CHECK(store->probe().targets == std::vector<std::string>{"CurrentUser\\ROOT"});
  platform::PrivilegedRunner admin(fake, platform::PrivilegeContext{true, false, false});
  auto machine = make_os_system_store(base::fixed_environment({}), fake, admin);
  CHECK(machine->probe().targets == std::vector<std::string>{"LocalMachine\\ROOT"});
}
