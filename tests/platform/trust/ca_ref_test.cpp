// make_ca_ref: a CaRef carries what every store needs, computed from the PEM alone.
#include <catch2/catch.hpp>

#include "platform/test_ca.hpp"

using namespace postern;

TEST_CASE("a CaRef matches the CA it was made from", "[ca_ref]") {
  testing::TestCa ca;
  CHECK(ca.ref.label == ca.ca->store_label());
  CHECK(ca.ref.pem == ca.ca->pem());
  CHECK(ca.ref.der == ca.ca->der());
  CHECK(ca.ref.sha256_hex == ca.ca->sha256_hex());
  CHECK(ca.ref.sha1_hex == ca.ca->sha1_hex());
  CHECK(ca.ref.sha1_hex.size() == 40);
}

TEST_CASE("a CaRef cannot be made from text that is not a certificate", "[ca_ref]") {
  auto ref = platform::trust::make_ca_ref("label", "garbage", "ledger entry 3");
  REQUIRE_FALSE(ref);
  CHECK(ref.error().message.find("ledger entry 3") != std::string::npos);
}
