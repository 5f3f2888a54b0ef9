#include "wizard/setup/engine.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "base/files.hpp"
#include "browser_fixture.hpp"
#include "runtime/bridge/bridge_key_store.hpp"

using namespace postern;

namespace {

// An engine over the fake stores and a temporary home in which Chromium has a profile.
struct Fixture : testing::BrowserFixture {
  std::unique_ptr<setup::Engine> make() {
    setup::StoreList stores;
    stores.push_back(std::make_unique<testing::FakeStore>("alpha", alpha));
    stores.push_back(std::make_unique<testing::FakeStore>("beta", beta));
    setup::EngineParts parts{
        paths,        env,         std::move(stores), registry::make_os_registrar(privileged),
        {source, {}}, dir / "root"};
    return std::make_unique<setup::Engine>(std::move(parts), base::null_progress());
  }
};

}  // namespace

TEST_CASE("the survey finds the browser, every store and no earlier install", "[setup][engine]") {
  Fixture fx;
  auto engine = fx.make();
  auto survey = engine->survey();
  REQUIRE(survey.browsers.browsers.size() == 1);
  CHECK(survey.browsers.browsers[0].browser == "chromium");
  REQUIRE(survey.stores.size() == 2);
  CHECK(survey.stores[1].name == "beta");
  CHECK(survey.install.empty());
  CHECK_FALSE(survey.install.runtime_running);
}

TEST_CASE("install, diagnose, fix and reset through the engine", "[setup][engine]") {
  Fixture fx;
  auto engine = fx.make();
  const auto browsers = engine->survey().browsers;
  base::CancellationToken cancel;
  auto installed = engine->install({.ca_stores = {"alpha"}}, browsers, cancel);
  CHECK(base::all_ok(installed));
  auto survey = engine->survey();
  CHECK(survey.install.bridge_installed);
  CHECK(survey.install.ca_exists);
  CHECK(survey.install.ledger_entries >= 4);

  auto report = engine->diagnose();
  CHECK(report.verdict == setup::Verdict::not_connected);  // no runtime, no extension
  std::filesystem::remove(setup::installed_bridge_path(fx.paths));
  auto broken = engine->diagnose();
  CHECK(broken.verdict == setup::Verdict::dependencies_missing);
  auto fixable = engine->fixable_rows(broken);
  REQUIRE(fixable.size() == broken.checks.size());
  for (std::size_t i = 0; i < fixable.size(); ++i)
    CHECK(fixable[i] == (broken.checks[i].code == "HOST_NOT_EXECUTABLE"));
  CHECK(base::all_ok(engine->fix()));
  CHECK(engine->diagnose().verdict == setup::Verdict::not_connected);

  auto preview = engine->reset({.dry_run = true});
  CHECK_FALSE(preview.empty());
  for (const auto& item : preview)
    CHECK(item.status == base::Status::skipped);
  CHECK(std::filesystem::exists(fx.paths.ledger_file()));
  CHECK(base::all_ok(engine->reset({})));
  CHECK_FALSE(std::filesystem::exists(fx.paths.config));
  CHECK(engine->survey().install.empty());
}

TEST_CASE("a cancelled install stops before the first step", "[setup][engine]") {
  Fixture fx;
  auto engine = fx.make();
  base::CancellationToken cancel;
  cancel.cancel();
  auto outcomes = engine->install({}, engine->survey().browsers, cancel);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].cause.rfind("cancelled before", 0) == 0);
  CHECK_FALSE(std::filesystem::exists(setup::installed_bridge_path(fx.paths)));
}

TEST_CASE("set_key stores a custom key; export_ca writes the certificate only", "[setup][engine]") {
  Fixture fx;
  auto engine = fx.make();
  CHECK(engine->set_key("short").code == "KEY_INVALID");
  auto stored = engine->set_key("GoodKey12345");
  CHECK(stored.status == base::Status::done);
  CHECK(stored.step == "set-key");
  const auto out = fx.dir / "export/postern-ca.pem";
  std::filesystem::create_directories(out.parent_path());
  auto exported = engine->export_ca(certs::ExportFormat::pem, out);
  CHECK(exported.status == base::Status::done);
  auto text = base::read_file(out, 1 << 20);
  REQUIRE(text);
  CHECK(text.value().find("BEGIN CERTIFICATE") != std::string::npos);
  CHECK(text.value().find("PRIVATE KEY") == std::string::npos);
}

TEST_CASE("shipped binaries: the variable first, then beside the program, then the build tree",
          "[setup][engine]") {
  testing::TempDir dir;
  const auto build_bridge = dir / "build/runtime/bridge/postern-bridge";
  REQUIRE(base::write_file_atomically(build_bridge, "#!/bin/sh\n", base::FileMode::executable));
  const auto self = dir / "build/wizard/gui/postern-wizard";
  auto none = base::fixed_environment({});
  auto found =
      setup::locate_shipped_binary(none, self, "postern-bridge", "BRIDGE_VAR", "runtime/bridge");
  REQUIRE(found);
  CHECK(found.value() == build_bridge);

  const auto beside = dir / "build/wizard/gui/postern-bridge";
  REQUIRE(base::write_file_atomically(beside, "#!/bin/sh\n", base::FileMode::executable));
  CHECK(setup::locate_shipped_binary(none, self, "postern-bridge", "BRIDGE_VAR", "runtime/bridge")
            .value() == beside);

  auto given = base::fixed_environment({{"BRIDGE_VAR", build_bridge.string()}});
  CHECK(setup::locate_shipped_binary(given, self, "postern-bridge", "BRIDGE_VAR", "runtime/bridge")
            .value() == build_bridge);

  auto missing = setup::locate_shipped_binary(none, dir / "elsewhere/x", "postern-nothing",
                                              "NOTHING_VAR", "runtime/none");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().remedy.find("NOTHING_VAR") != std::string::npos);
}
