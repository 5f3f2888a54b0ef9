#include "wizard/setup/setup_plan.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <set>

#include "browser_fixture.hpp"
#include "runtime/bridge/bridge_key_store.hpp"
#include "wizard/setup/key_step.hpp"
#include "wizard/setup/manifest_step.hpp"
#include "wizard/setup/reset.hpp"

using namespace postern;

namespace {

// Every path under `root`, to compare a home before setup and after reset.
std::set<std::string> snapshot(const std::filesystem::path& root) {
  std::set<std::string> paths;
  for (const auto& item : std::filesystem::recursive_directory_iterator(root))
    paths.insert(std::filesystem::relative(item.path(), root).string());
  return paths;
}

using Fixture = testing::BrowserFixture;

}  // namespace

TEST_CASE("setup installs bridge, manifest, key and CA; reset leaves the home as it was",
          "[setup][plan-build]") {
  Fixture fx;
  const auto before = snapshot(fx.home);
  auto built = setup::build_setup_plan(fx.context(), {}, fx.detection);
  CHECK(built.findings.empty());
  REQUIRE(built.plan.steps().size() == 4);  // bridge, chromium manifest, key, CA
  base::CancellationToken cancel;

  auto dry = built.plan.run({.dry_run = true}, base::null_progress(), cancel);
  for (const auto& outcome : dry)
    CHECK(outcome.status == base::Status::skipped);
  CHECK(snapshot(fx.home) == before);

  auto outcomes = built.plan.run({}, base::null_progress(), cancel);
  REQUIRE(base::all_ok(outcomes));
  const auto manifest = fx.home / ".config/chromium/NativeMessagingHosts/com.postern.bridge.json";
  CHECK(std::filesystem::exists(manifest));
  CHECK(std::filesystem::exists(setup::installed_bridge_path(fx.paths)));
  CHECK(fx.alpha->trusted["db1"].size() == 1);
  for (const auto& outcome : built.plan.run({}, base::null_progress(), cancel))
    CHECK(outcome.status == base::Status::already);  // a second setup changes nothing

  setup::Reset reset(*fx.trust);
  reset.add_undo(std::string(setup::kManifestEntry), setup::manifest_undo(*fx.registrar, fx.env));
  reset.add_undo(std::string(setup::kKeyEntry), setup::remove_key_file);
  auto removed = reset.run({});
  CHECK(base::all_ok(removed));
  CHECK(snapshot(fx.home) == before);
  CHECK_FALSE(std::filesystem::exists(fx.paths.config));
  CHECK_FALSE(std::filesystem::exists(fx.paths.data));
  CHECK(fx.alpha->trusted["db1"].empty());
}

TEST_CASE("an interrupted setup is completed by running it again", "[setup][plan-build]") {
  Fixture fx;
  auto built = setup::build_setup_plan(fx.context(), {}, fx.detection);
  base::CancellationToken cancel;
  // Simulate a kill after the first two steps: run them alone.
  built.plan.steps()[0]->apply();
  built.plan.steps()[1]->apply();
  auto outcomes = built.plan.run({}, base::null_progress(), cancel);
  REQUIRE(base::all_ok(outcomes));
  CHECK(outcomes[0].status == base::Status::already);
  CHECK(outcomes[1].status == base::Status::already);
  CHECK(outcomes[2].status == base::Status::done);
}

TEST_CASE("no browser, or a named browser that is missing, is a finding with its code",
          "[setup][plan-build]") {
  Fixture fx;
  registry::Detection none;
  none.outcome = base::failed("browsers", "", "CHROME_NOT_INSTALLED", "no supported browser found",
                              "install one");
  auto empty = setup::build_setup_plan(fx.context(), {}, none);
  REQUIRE(empty.findings.size() == 1);
  CHECK(empty.findings[0].code == "CHROME_NOT_INSTALLED");

  auto named =
      setup::build_setup_plan(fx.context(), {.browsers = {"brave", "netscape"}}, fx.detection);
  REQUIRE(named.findings.size() == 2);
  CHECK(named.findings[0].cause == "brave is not installed on this machine");
  CHECK(named.findings[1].cause == "\"netscape\" is not a browser Postern knows");
  CHECK(named.findings[1].remedy == "choose from the installed: chromium");
}

TEST_CASE("--ca-stores none leaves the CA step out", "[setup][plan-build]") {
  Fixture fx;
  auto built = setup::build_setup_plan(fx.context(), {.skip_ca = true}, fx.detection);
  CHECK(built.plan.steps().size() == 3);
}

TEST_CASE("folders setup creates for a browser are removed by reset, others are kept",
          "[setup][plan-build]") {
  Fixture fx;
  std::filesystem::remove_all(fx.home / ".config");  // a browser installed but never started
  std::filesystem::create_directories(fx.home / ".cache/kept");
  const auto before = snapshot(fx.home);
  auto built = setup::build_setup_plan(fx.context(), {.skip_ca = true}, fx.detection);
  base::CancellationToken cancel;
  REQUIRE(base::all_ok(built.plan.run({}, base::null_progress(), cancel)));
  CHECK(std::filesystem::exists(fx.home / ".config/chromium/NativeMessagingHosts"));
  std::ofstream(fx.home / ".config/user-file") << "made after setup";  // must survive reset

  setup::Reset reset(*fx.trust);
  reset.add_undo(std::string(setup::kManifestEntry), setup::manifest_undo(*fx.registrar, fx.env));
  reset.add_undo(std::string(setup::kKeyEntry), setup::remove_key_file);
  CHECK(base::all_ok(reset.run({})));
  auto after = snapshot(fx.home);
  CHECK(after.count(".config/user-file"));
  CHECK_FALSE(after.count(".config/chromium"));
  after.erase(".config/user-file");
  after.erase(".config");
  CHECK(after == before);
}

TEST_CASE("the chosen port and LAN become the runtime's arguments", "[setup][plan-build]") {
  CHECK(setup::runtime_arguments({}).empty());
  CHECK(setup::runtime_arguments({.proxy_port = 8081, .lan = true}) ==
        std::vector<std::string>{"--port", "8081", "--lan"});
  CHECK(setup::runtime_arguments({.lan = true}) == std::vector<std::string>{"--lan"});
}

TEST_CASE("a chosen custom key is what the key step stores", "[setup][plan-build]") {
  Fixture fx;
  auto built = setup::build_setup_plan(fx.context(), {.custom_key = "MyOwnKey2024"}, fx.detection);
  base::CancellationToken cancel;
  REQUIRE(base::all_ok(built.plan.run({}, base::null_progress(), cancel)));
  auto key = bridge::BridgeKeyStore(bridge::BridgeKeyStore::default_file(fx.paths)).load();
  REQUIRE(key);
  REQUIRE(key.value());
  CHECK(key.value()->kind == bridge::KeyKind::custom);
}
