#include "wizard/setup/ca_step.hpp"

#include <catch2/catch.hpp>

#include "engine_fixture.hpp"

using namespace postern;
using postern::testing::EngineFixture;

TEST_CASE("the CA step checks without changing anything, applies once, and reverts",
          "[setup][ca-step]") {
  EngineFixture fx;
  auto engine = fx.engine();
  setup::CaStep step(*engine, {"alpha"});

  auto before = step.check();
  CHECK(before.status == base::Status::skipped);
  CHECK_FALSE(std::filesystem::exists(fx.paths.proxy_dir()));  // a check creates nothing

  auto applied = step.apply();
  CHECK(applied.status == base::Status::done);
  CHECK(fx.alpha->trusted["db1"].size() == 1);
  CHECK(fx.beta->installs == 0);
  CHECK(step.check().status == base::Status::already);
  CHECK(step.apply().status == base::Status::already);

  auto reverted = step.revert();
  CHECK(reverted.status == base::Status::done);
  CHECK(fx.alpha->trusted["db1"].empty());
  CHECK(fx.ledger().entries().empty());
  CHECK(step.revert().status == base::Status::already);
}

TEST_CASE("the CA step reports a store failure with its code and fix", "[setup][ca-step]") {
  EngineFixture fx;
  fx.alpha->failing_targets = {"db2"};
  auto engine = fx.engine();
  setup::CaStep step(*engine, {"alpha"});
  auto applied = step.apply();
  CHECK(applied.status == base::Status::failed);
  CHECK(applied.code == "COMMAND_FAILED");
  CHECK(applied.remedy == "none");
  CHECK(applied.cause.find("scripted failure") != std::string::npos);
}

TEST_CASE("summarise keeps the worst status and the first failure's code", "[setup][ca-step]") {
  auto summary = setup::summarise(
      "ca", "t",
      {base::already("a", "1", "x"), base::done("b", "2", "y"),
       base::failed("c", "3", "C1", "z", "r1"), base::failed("d", "4", "C2", "w", "r2")});
  CHECK(summary.status == base::Status::failed);
  CHECK(summary.code == "C1");
  CHECK(summary.remedy == "r1");
  CHECK(summary.cause == "a: x; b: y; c: z; d: w");
}
