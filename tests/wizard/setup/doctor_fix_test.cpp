#include "wizard/setup/doctor_fix.hpp"

#include <catch2/catch.hpp>

#include "browser_fixture.hpp"

using namespace postern;

TEST_CASE("recorded choices are what the ledger lists; nothing recorded skips the CA",
          "[setup][fix]") {
  testing::BrowserFixture fx;
  auto empty = setup::recorded_choices(fx.paths);
  CHECK(empty.browsers.empty());
  CHECK(empty.skip_ca);

  auto built = setup::build_setup_plan(fx.context(), {.ca_stores = {"beta"}}, fx.detection);
  base::CancellationToken cancel;
  REQUIRE(base::all_ok(built.plan.run({}, base::null_progress(), cancel)));
  auto recorded = setup::recorded_choices(fx.paths);
  CHECK(recorded.browsers == std::vector<std::string>{"chromium"});
  CHECK(recorded.ca_stores == std::vector<std::string>{"beta"});
  CHECK_FALSE(recorded.skip_ca);
}

TEST_CASE("fixable: rows a re-run of setup repairs, never those that need a person",
          "[setup][fix]") {
  auto row = [](std::string code, std::string store = "x") {
    return base::failed(std::move(store), "t", std::move(code), "c", "r");
  };
  setup::SetupChoices recorded{.browsers = {"chromium"}, .ca_stores = {"nss"}};
  CHECK(setup::fixable(row("MANIFEST_MISSING"), recorded));
  CHECK(setup::fixable(row("CA_NOT_TRUSTED", "nss"), recorded));
  CHECK_FALSE(setup::fixable(row("CA_NOT_TRUSTED", "system"), recorded));  // never chosen
  CHECK(setup::fixable(row("RUNTIME_NOT_RUNNING"), recorded));
  CHECK_FALSE(setup::fixable(row("KEY_MISMATCH"), recorded));
  CHECK_FALSE(setup::fixable(row("TOOL_MISSING"), recorded));
  CHECK_FALSE(setup::fixable(row("NM_POLICY_BLOCKED"), recorded));
  CHECK_FALSE(setup::fixable(base::already("x", "t", "fine"), recorded));
  CHECK_FALSE(setup::fixable(row("MANIFEST_MISSING"), setup::SetupChoices{}));  // nothing set up
  CHECK_FALSE(setup::fixable(row("CA_MISSING"), {.browsers = {"chromium"}, .skip_ca = true}));
}

TEST_CASE("apply_fixes restores a deleted manifest and leaves unchosen stores alone",
          "[setup][fix]") {
  testing::BrowserFixture fx;
  auto nothing = setup::apply_fixes(fx.context(), fx.detection, base::null_progress());
  REQUIRE(nothing.size() == 1);
  CHECK(nothing[0].status == base::Status::skipped);

  auto built = setup::build_setup_plan(fx.context(), {.ca_stores = {"beta"}}, fx.detection);
  base::CancellationToken cancel;
  REQUIRE(base::all_ok(built.plan.run({}, base::null_progress(), cancel)));
  const auto manifest = fx.home / ".config/chromium/NativeMessagingHosts/com.postern.bridge.json";
  std::filesystem::remove(manifest);
  auto fixed = setup::apply_fixes(fx.context(), fx.detection, base::null_progress());
  CHECK(base::all_ok(fixed));
  CHECK(std::filesystem::exists(manifest));
  CHECK(fx.alpha->trusted["db1"].empty());
}
