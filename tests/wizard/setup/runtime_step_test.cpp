#include "wizard/setup/runtime_step.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

#include "runtime/bridge/runtime_probe.hpp"
#include "support/temp_dir.hpp"

using namespace postern;

// The real postern-runtime from this build (POSTERN_TEST_RUNTIME, set by CMake).
TEST_CASE("the runtime step starts the real runtime once and stops it on revert",
          "[setup][runtime]") {
  const char* binary = std::getenv("POSTERN_TEST_RUNTIME");
  REQUIRE(binary != nullptr);
  testing::TempDir dir;
  base::AppPaths paths{dir / "config", dir / "data", dir / "run"};
  setup::RuntimeStep step(paths, binary);
  CHECK(step.check().status == base::Status::skipped);
  auto started = step.apply();
  REQUIRE(started.status == base::Status::done);
  CHECK(bridge::runtime_status(paths).running);
  CHECK(step.apply().status == base::Status::already);
  CHECK(step.revert().status == base::Status::done);
  CHECK_FALSE(bridge::runtime_status(paths).running);
  CHECK(step.revert().status == base::Status::already);
}
