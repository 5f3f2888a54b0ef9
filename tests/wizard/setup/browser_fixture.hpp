#pragma once
// The engine fixture plus a temporary home in which Chromium counts as installed, the real
// manifest registrar, and a stand-in bridge binary: what setup, reset and doctor tests work on.

#include <fstream>

#include "base/files.hpp"
#include "engine_fixture.hpp"
#include "platform/privileged.hpp"
#include "registry/browser_detection.hpp"
#include "wizard/setup/setup_plan.hpp"

namespace postern::testing {

struct BrowserFixture : EngineFixture {
  std::filesystem::path home = dir / "home";
  base::Environment env = base::fixed_environment({{"HOME", home.string()}});
  platform::PrivilegedRunner privileged{platform::system_runner(), platform::PrivilegeContext{}};
  std::unique_ptr<registry::Registrar> registrar = registry::make_os_registrar(privileged);
  std::unique_ptr<setup::CaTrust> trust = engine();
  std::filesystem::path source = dir / "build/postern-bridge";
  registry::Detection detection;

  BrowserFixture() {
    std::filesystem::create_directories(home / ".config/chromium");
    std::ofstream(home / ".config/chromium/Local State") << "{}";
    REQUIRE(base::write_file_atomically(source, "#!/bin/sh\n", base::FileMode::executable));
    registry::DetectedBrowser chromium;
    chromium.browser = "chromium";
    chromium.display = "Chromium";
    detection.browsers.push_back(chromium);
    detection.outcome = base::already("browsers", "", "found Chromium");
  }
  setup::SetupContext context() { return {paths, env, *trust, *registrar, source}; }
};

}  // namespace postern::testing
