// The live trust probe: a real TLS handshake on 127.0.0.1 with a leaf minted by a fresh CA.
#include <catch2/catch.hpp>

#include <chrono>

#include "base/codes.hpp"
#include "certs/cert_store.hpp"
#include "platform/fake_runner.hpp"
#include "platform/test_ca.hpp"
#include "platform/trust/trust_probe.hpp"

using namespace postern;
using namespace postern::platform::trust;
using Clock = std::chrono::steady_clock;

TEST_CASE("the probe passes when the client trusts the CA", "[probe]") {
  testing::TestCa ca;
  certs::CertStore leaves(ca.ca);
  TlsProbeOptions options;
  options.anchors = TrustAnchors{false, ca.cert_file(), std::nullopt};
  auto outcome = probe_tls_trust(leaves, options);
  INFO(outcome.cause);
  CHECK(outcome.status == base::Status::already);
  CHECK(outcome.step == "probe");
  CHECK(outcome.target.rfind("127.0.0.1:", 0) == 0);
  CHECK(outcome.cause.find("postern-trust-probe.localhost") != std::string::npos);
}

TEST_CASE("the probe fails with CA_NOT_TRUSTED against default anchors that lack the CA",
          "[probe]") {
  testing::TestCa ca;
  certs::CertStore leaves(ca.ca);
  const auto start = Clock::now();
  auto outcome = probe_tls_trust(leaves, TlsProbeOptions{});
  CHECK(Clock::now() - start < std::chrono::seconds(5));
  CHECK(outcome.status == base::Status::failed);
  CHECK(outcome.code == base::codes::ca_not_trusted);
  CHECK(outcome.cause.find("unable to get local issuer certificate") != std::string::npos);
  CHECK(outcome.remedy == "run `postern ca install --store system`");
}

TEST_CASE("the probe checks the host name, not only the chain", "[probe]") {
  testing::TestCa ca;
  certs::CertStore leaves(ca.ca);
  auto other = leaves.get("other.test");
  REQUIRE(other);
  TlsProbeOptions options;
  options.anchors = TrustAnchors{false, ca.cert_file(), std::nullopt};
  auto outcome =
      probe_tls_trust(other.value()->certificate(), other.value()->private_key(), options);
  CHECK(outcome.code == base::codes::ca_not_trusted);
  CHECK(outcome.cause.find("hostname mismatch") != std::string::npos);
}

TEST_CASE("the probe is bounded by its timeout", "[probe]") {
  testing::TestCa ca;
  certs::CertStore leaves(ca.ca);
  TlsProbeOptions options;
  options.anchors = TrustAnchors{false, ca.cert_file(), std::nullopt};
  options.timeout = std::chrono::milliseconds(0);
  const auto start = Clock::now();
  auto outcome = probe_tls_trust(leaves, options);
  CHECK(Clock::now() - start < std::chrono::seconds(2));
  CHECK(outcome.code == base::codes::trust_probe_failed);
  CHECK(outcome.cause == "the TLS handshake did not finish in time");
}

TEST_CASE("the NSS probe asks certutil to verify the CA as an SSL CA", "[probe]") {
  testing::TestCa ca;
  testing::FakeRunner fake;
  fake.on({"certutil", "-V"}, testing::ok("certutil: certificate is valid\n"), 1)
      .on({"certutil", "-V"}, testing::exited(255,
                                              "certutil: certificate is invalid: Peer's "
                                              "Certificate issuer is not recognized.\n"));
  auto good = probe_nss_trust(fake, ca.ref, "sql:/h/db");
  CHECK(good.status == base::Status::already);
  CHECK(good.step == "probe");
  CHECK(fake.lines().back() == "certutil -V -d sql:/h/db -n '" + ca.ref.label + "' -u L");
  auto bad = probe_nss_trust(fake, ca.ref, "sql:/h/db");
  CHECK(bad.code == base::codes::ca_not_trusted);
  REQUIRE(bad.commands.size() == 1);
  CHECK(bad.commands[0].output.find("issuer is not recognized") != std::string::npos);
}
