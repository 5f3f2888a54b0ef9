#include "wizard/setup/reset.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "engine_fixture.hpp"
#include "wizard/setup/ca_step.hpp"
#include "wizard/setup/file_step.hpp"

using namespace postern;
using postern::testing::EngineFixture;

namespace {

// Sets up what `postern setup` would: the CA in both fake stores and a file in the data dir.
struct Installed : EngineFixture {
  std::unique_ptr<setup::CaTrust> trust = engine();
  std::filesystem::path source = dir / "src/bridge";
  std::filesystem::path installed = paths.data / "bin/bridge";

  Installed() {
    std::filesystem::create_directories(source.parent_path());
    std::ofstream(source) << "binary";
    REQUIRE(setup::CaStep(*trust, {}).apply().ok());
    REQUIRE(file_step().apply().ok());
  }
  setup::FileStep file_step() const {
    return setup::FileStep("the bridge", source, installed, base::FileMode::executable,
                           paths.ledger_file());
  }
  bool trusted_anywhere() const {
    for (auto* state : {alpha.get(), beta.get()})
      for (auto& [target, shas] : state->trusted)
        if (!shas.empty()) return true;
    return false;
  }
};

}  // namespace

TEST_CASE("reset removes every ledger entry, then Postern's folders", "[setup][reset]") {
  Installed fx;
  setup::Reset reset(*fx.trust);
  auto outcomes = reset.run({});
  CHECK(base::all_ok(outcomes));
  CHECK_FALSE(fx.trusted_anywhere());
  CHECK_FALSE(std::filesystem::exists(fx.installed));
  CHECK_FALSE(std::filesystem::exists(fx.paths.config));
  CHECK_FALSE(std::filesystem::exists(fx.paths.data));
  CHECK(base::all_ok(reset.run({})));  // a second reset finds nothing and still succeeds
}

TEST_CASE("a dry run lists what would go and changes nothing", "[setup][reset]") {
  Installed fx;
  auto before = fx.ledger().entries().size();
  auto outcomes = setup::Reset(*fx.trust).run({.dry_run = true});
  REQUIRE(outcomes.size() == before);
  for (const auto& outcome : outcomes) {
    CHECK(outcome.status == base::Status::skipped);
    CHECK(outcome.cause.rfind("would remove", 0) == 0);
  }
  CHECK(fx.trusted_anywhere());
  CHECK(std::filesystem::exists(fx.installed));
  CHECK(fx.ledger().entries().size() == before);
}

TEST_CASE("--keep-ca keeps the CA trusted, its files and the ledger; the rest goes",
          "[setup][reset]") {
  Installed fx;
  auto outcomes = setup::Reset(*fx.trust).run({.keep_ca = true});
  CHECK(base::all_ok(outcomes));
  CHECK(fx.trusted_anywhere());
  CHECK(std::filesystem::exists(fx.paths.proxy_dir() / "postern-proxy-ca.crt"));
  CHECK_FALSE(std::filesystem::exists(fx.installed));
  CHECK(fx.ledger().entries_of(setup::kTrustStoreEntry).size() == 4);
  CHECK(fx.ledger().entries_of(setup::kFileEntry).empty());
}

TEST_CASE("what cannot be removed stays listed, with the manual step; folders stay",
          "[setup][reset]") {
  Installed fx;
  std::ofstream(fx.installed) << "replaced by the user";
  auto ledger = fx.ledger();
  ledger.record({"gadget", "gizmo", "/somewhere", "a gadget", "", "", ""});
  REQUIRE(ledger.save());

  auto outcomes = setup::Reset(*fx.trust).run({});
  CHECK_FALSE(base::all_ok(outcomes));
  bool foreign = false, unknown = false;
  for (const auto& outcome : outcomes) {
    foreign = foreign || (outcome.code == "FOREIGN_FILE" && outcome.remedy ==
                                                                "remove it by hand if you no "
                                                                "longer need it: rm " +
                                                                    fx.installed.string());
    unknown = unknown || (outcome.code == "UNSUPPORTED" &&
                          outcome.remedy.find("/somewhere") != std::string::npos);
  }
  CHECK(foreign);
  CHECK(unknown);
  CHECK_FALSE(fx.trusted_anywhere());  // the CA still left every store
  CHECK(std::filesystem::exists(fx.paths.ledger_file()));
  CHECK(fx.ledger().entries().size() == 2);
}

TEST_CASE("registered undo functions run in order, before the CA", "[setup][reset]") {
  Installed fx;
  auto ledger = fx.ledger();
  ledger.record({"manifest", "chromium", "/m/com.postern.bridge.json", "manifest", "", "", ""});
  REQUIRE(ledger.save());
  std::vector<std::string> undone;
  setup::Reset reset(*fx.trust);
  reset.add_undo("manifest", [&](const setup::LedgerEntry& entry) {
    undone.push_back(entry.target);
    CHECK(fx.trusted_anywhere());                  // manifests go before the CA
    CHECK(std::filesystem::exists(fx.installed));  // and before the bridge they point at
    return base::done("chromium", entry.target, "removed");
  });
  CHECK(base::all_ok(reset.run({})));
  CHECK(undone == std::vector<std::string>{"/m/com.postern.bridge.json"});
}
