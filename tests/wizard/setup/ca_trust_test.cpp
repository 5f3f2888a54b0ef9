#include "wizard/setup/ca_trust.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "engine_fixture.hpp"

using namespace postern;
using postern::testing::EngineFixture;

TEST_CASE("install trusts the CA at every target and records each in the ledger",
          "[setup][trust]") {
  EngineFixture fx;
  auto engine = fx.engine();
  auto ca = engine->ensure_ca(certs::KeyUse::required).value().ca;
  auto outcomes = engine->install(ca, {});
  REQUIRE(outcomes.size() == 4);
  CHECK(base::all_ok(outcomes));
  CHECK(fx.alpha->trusted["db1"].count(ca->sha256_hex()));
  CHECK(fx.beta->trusted["db2"].count(ca->sha256_hex()));
  auto entries = fx.ledger().entries_of(setup::kTrustStoreEntry);
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].label == ca->store_label());
  CHECK(entries[0].pem == ca->pem());

  auto again = engine->install(ca, {"alpha"});
  REQUIRE(again.size() == 2);
  CHECK(again[0].status == base::Status::already);
  CHECK(fx.ledger().entries().size() == 4);
}

TEST_CASE("a store that is absent is skipped unless asked for; a missing tool fails with its hint",
          "[setup][trust]") {
  EngineFixture fx;
  fx.alpha->present = false;
  fx.beta->tool_found = false;
  auto engine = fx.engine();
  auto ca = engine->ensure_ca(certs::KeyUse::required).value().ca;

  auto implicit = engine->install(ca, {});
  REQUIRE(implicit.size() == 2);
  CHECK(implicit[0].status == base::Status::skipped);
  CHECK(implicit[1].status == base::Status::failed);
  CHECK(implicit[1].code == "TOOL_MISSING");
  CHECK(implicit[1].remedy == "apt-get install faketool");

  auto asked = engine->install(ca, {"alpha"});
  REQUIRE(asked.size() == 1);
  CHECK(asked[0].status == base::Status::failed);
  CHECK(asked[0].code == "STORE_NOT_PRESENT");
}

TEST_CASE("a failed install is not recorded; uninstall keeps entries it could not remove",
          "[setup][trust]") {
  EngineFixture fx;
  fx.alpha->failing_targets = {"db2"};
  auto engine = fx.engine();
  auto ca = engine->ensure_ca(certs::KeyUse::required).value().ca;
  auto outcomes = engine->install(ca, {"alpha"});
  CHECK_FALSE(base::all_ok(outcomes));
  CHECK(fx.ledger().entries().size() == 1);

  fx.alpha->failing_targets = {"db1"};
  auto removed = engine->uninstall(ca, {"alpha"});
  CHECK_FALSE(base::all_ok(removed));
  REQUIRE(fx.ledger().entries().size() == 1);  // db1 still listed, so a later reset retries it
  CHECK(fx.ledger().entries()[0].target == "db1");

  fx.alpha->failing_targets.clear();
  CHECK(base::all_ok(engine->uninstall(ca, {})));
  CHECK(fx.ledger().entries().empty());
  CHECK(fx.alpha->trusted["db1"].empty());
}

TEST_CASE("uninstall removes the current CA even where the ledger lost track of it",
          "[setup][trust]") {
  EngineFixture fx;
  auto engine = fx.engine();
  auto ca = engine->ensure_ca(certs::KeyUse::required).value().ca;
  engine->install(ca, {"beta"});
  std::filesystem::remove(fx.paths.ledger_file());
  auto outcomes = engine->uninstall(ca, {"beta"});
  CHECK(base::all_ok(outcomes));
  CHECK(fx.beta->trusted["db1"].empty());
  CHECK(fx.beta->trusted["db2"].empty());
}

TEST_CASE("status checks every target of every present store", "[setup][trust]") {
  EngineFixture fx;
  auto engine = fx.engine();
  auto ca = engine->ensure_ca(certs::KeyUse::required).value().ca;
  engine->install(ca, {"alpha"});
  auto statuses = engine->status(ca);
  REQUIRE(statuses.size() == 2);
  CHECK(statuses[0].name == "alpha");
  CHECK(base::all_ok(statuses[0].checks));
  REQUIRE(statuses[1].checks.size() == 2);
  CHECK(statuses[1].checks[0].code == "CA_NOT_TRUSTED");
}

TEST_CASE("unknown store names are refused with the list of valid ones", "[setup][trust]") {
  EngineFixture fx;
  auto result = fx.engine()->validate_store_names({"alpha", "gamma"});
  REQUIRE_FALSE(result);
  CHECK(result.error().message.find("gamma") != std::string::npos);
  CHECK(result.error().remedy == "choose from: alpha, beta");
}

TEST_CASE("a corrupt ledger stops install before any store is touched", "[setup][trust]") {
  EngineFixture fx;
  auto engine = fx.engine();
  auto ca = engine->ensure_ca(certs::KeyUse::required).value().ca;
  std::ofstream(fx.paths.ledger_file()) << "{broken";
  auto outcomes = engine->install(ca, {});
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].code == "LEDGER_CORRUPT");
  CHECK(fx.alpha->installs == 0);
}

TEST_CASE("probe_stores lists every store with its probe before any CA exists", "[setup][trust]") {
  EngineFixture fx;
  fx.beta->tool_found = false;
  auto engine = fx.engine();
  auto stores = engine->probe_stores();
  REQUIRE(stores.size() == 2);
  CHECK(stores[0].name == "alpha");
  CHECK(stores[0].probe.present);
  CHECK(stores[0].probe.targets == std::vector<std::string>{"db1", "db2"});
  CHECK_FALSE(stores[1].probe.tool_found);
  CHECK(stores[1].probe.install_hint == "apt-get install faketool");
  CHECK(stores[1].checks.empty());
  CHECK_FALSE(std::filesystem::exists(fx.paths.proxy_dir()));  // probing made no CA
}
