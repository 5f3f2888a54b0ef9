#include "certs/certificate_info.hpp"

#include <catch2/catch.hpp>

#include "cert_fixtures.hpp"
#include "certs/cert_store.hpp"
#include "certs/errc.hpp"
#include "support/temp_dir.hpp"

using namespace postern;

TEST_CASE("describe_pem reports the facts of the CA", "[info]") {
  testing::TempDir dir;
  auto ca =
      certs::CertificateAuthority::create(certs::CaFiles::in(dir.path()), {"bob", "pc"}).value();
  auto info = certs::describe_pem(ca->pem(), "ca.crt");
  REQUIRE(info.has_value());
  CHECK(info.value().der == ca->der());
  CHECK(info.value().sha256_hex == ca->sha256_hex());
  CHECK(info.value().sha1_hex == ca->sha1_hex());
  CHECK(info.value().serial_hex == ca->serial_hex());
  CHECK(info.value().subject_cn == "Postern Proxy CA (bob@pc)");
  CHECK(info.value().is_ca);
  const auto lifetime = info.value().not_after - info.value().not_before;
  CHECK(std::chrono::duration_cast<std::chrono::hours>(lifetime).count() == 24 * 3650 + 1);
}

TEST_CASE("describe_pem says a leaf is not a CA", "[info]") {
  testing::TempDir dir;
  auto ca =
      certs::CertificateAuthority::create(certs::CaFiles::in(dir.path()), {"bob", "pc"}).value();
  certs::CertStore store(ca);
  auto info = certs::describe_pem(store.get("example.com").value()->pem(), "leaf");
  REQUIRE(info.has_value());
  CHECK_FALSE(info.value().is_ca);
  CHECK(info.value().subject_cn == "example.com");
}

TEST_CASE("describe_pem names the source of anything that is not a certificate", "[info]") {
  for (const std::string& bad : {std::string(""), std::string("garbage"),
                                 std::string("-----BEGIN CERTIFICATE-----\nAAAA\n")}) {
    auto info = certs::describe_pem(bad, "/some/ledger.json");
    REQUIRE_FALSE(info.has_value());
    CHECK(info.error().code == certs::errc::ca_corrupt);
    CHECK(info.error().message.find("/some/ledger.json") != std::string::npos);
  }
}
