#include "cli/ca_views.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "support/temp_dir.hpp"
#include "wizard/setup/install_ledger.hpp"

using namespace postern;

TEST_CASE("show lists the CA's facts, key mode and where the ledger says it is installed",
          "[cli][views]") {
  testing::TempDir dir;
  base::AppPaths paths{dir / "config", dir / "data", dir / "run"};
  auto ca =
      certs::CertificateAuthority::create(certs::CaFiles::in(paths.proxy_dir()), {"ann", "box"});
  REQUIRE(ca);
  auto ledger = setup::InstallLedger::load(paths.ledger_file()).value();
  ledger.record({"trust-store", "nss", "sql:/db", ca.value()->store_label(),
                 ca.value()->sha256_hex(), "", ""});
  ledger.record({"trust-store", "nss", "sql:/other", "old", "OTHER:SHA", "", ""});
  REQUIRE(ledger.save());

  std::ostringstream json_out;
  CHECK(cli::show_ca(json_out, {true}, *ca.value(), paths) == cli::kSuccess);
  auto json = nlohmann::json::parse(json_out.str());
  CHECK(json["key_mode"] == "0600");
  CHECK(json["sha256"] == ca.value()->sha256_hex());
  CHECK(json["subject_cn"] == "Postern Proxy CA (ann@box)");
  REQUIRE(json["installed_in"].size() == 1);
  CHECK(json["installed_in"][0]["target"] == "sql:/db");

  std::ostringstream text;
  cli::show_ca(text, {}, *ca.value(), paths);
  CHECK(text.str().find("installed in nss  sql:/db") != std::string::npos);
  CHECK(text.str().find(ca.value()->sha256_hex()) != std::string::npos);
}
