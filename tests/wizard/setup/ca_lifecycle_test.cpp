// CaTrust's CA life cycle: first use, regeneration, and the deleted-proxy-folder recovery.
#include <catch2/catch.hpp>
#include <fstream>

#include "base/files.hpp"
#include "engine_fixture.hpp"

using namespace postern;
using postern::testing::EngineFixture;

TEST_CASE("the CA is created on first use and loaded afterwards", "[setup][lifecycle]") {
  EngineFixture fx;
  auto engine = fx.engine();
  auto first = engine->ensure_ca(certs::KeyUse::required);
  REQUIRE(first);
  CHECK(first.value().created);
  CHECK(std::filesystem::exists(fx.paths.proxy_dir() / "postern-proxy-ca.crt"));
  auto second = engine->ensure_ca(certs::KeyUse::required);
  REQUIRE(second);
  CHECK_FALSE(second.value().created);
  CHECK(second.value().ca->sha256_hex() == first.value().ca->sha256_hex());
}

TEST_CASE("regenerate removes the old CA everywhere and installs the new one in its place",
          "[setup][lifecycle]") {
  EngineFixture fx;
  auto engine = fx.engine();
  auto old_ca = engine->ensure_ca(certs::KeyUse::required).value().ca;
  engine->install(old_ca, {"beta"});

  auto regenerated = engine->regenerate();
  REQUIRE(regenerated);
  auto new_ca = regenerated.value().ca;
  CHECK(new_ca->sha256_hex() != old_ca->sha256_hex());
  CHECK(base::all_ok(regenerated.value().outcomes));
  for (const char* target : {"db1", "db2"}) {
    CHECK_FALSE(fx.beta->trusted[target].count(old_ca->sha256_hex()));
    CHECK(fx.beta->trusted[target].count(new_ca->sha256_hex()));
  }
  CHECK(fx.alpha->installs == 0);  // only where the old one was
  const auto ledger = fx.ledger();
  for (const auto& entry : ledger.entries())
    CHECK(entry.sha256 == new_ca->sha256_hex());
}

TEST_CASE("deleting the proxy folder makes a new CA, and the old one leaves every store first",
          "[setup][lifecycle]") {
  EngineFixture fx;
  auto engine = fx.engine();
  auto old_ca = engine->ensure_ca(certs::KeyUse::required).value().ca;
  engine->install(old_ca, {});
  std::filesystem::remove_all(fx.paths.proxy_dir());

  auto ensured = engine->ensure_ca(certs::KeyUse::required);
  REQUIRE(ensured);
  CHECK(ensured.value().created);
  const auto new_sha = ensured.value().ca->sha256_hex();
  for (auto* state : {fx.alpha.get(), fx.beta.get()}) {
    for (const char* target : {"db1", "db2"}) {
      CHECK(state->trusted[target] == std::set<std::string>{new_sha});
    }
  }
  CHECK(fx.ledger().entries().size() == 4);
}

TEST_CASE("a corrupt CA is never overwritten by first use; regenerate moves it aside",
          "[setup][lifecycle]") {
  EngineFixture fx;
  auto engine = fx.engine();
  REQUIRE(engine->ensure_ca(certs::KeyUse::required));
  const auto cert = fx.paths.proxy_dir() / "postern-proxy-ca.crt";
  std::ofstream(cert) << "not a certificate";

  auto loaded = engine->ensure_ca(certs::KeyUse::required);
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().message.find(cert.string()) != std::string::npos);
  CHECK(base::read_file(cert).value() == "not a certificate");

  auto regenerated = engine->regenerate();
  REQUIRE(regenerated);
  bool moved_aside = false;
  for (const auto& entry : std::filesystem::directory_iterator(fx.paths.config))
    if (entry.path().filename().string().rfind("proxy.broken-", 0) == 0) {
      moved_aside = true;
      CHECK(base::read_file(entry.path() / "postern-proxy-ca.crt").value() == "not a certificate");
    }
  CHECK(moved_aside);
}

TEST_CASE("a half-present CA (key without certificate) is an error, not a new CA",
          "[setup][lifecycle]") {
  EngineFixture fx;
  auto engine = fx.engine();
  REQUIRE(engine->ensure_ca(certs::KeyUse::required));
  std::filesystem::remove(fx.paths.proxy_dir() / "postern-proxy-ca.crt");
  auto loaded = engine->ensure_ca(certs::KeyUse::required);
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().code == certs::errc::ca_half_present);
  CHECK(std::filesystem::exists(fx.paths.proxy_dir() / "postern-proxy-ca.key"));
}
