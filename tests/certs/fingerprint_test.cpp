#include "certs/fingerprint.hpp"

#include <openssl/evp.h>
#include <catch2/catch.hpp>

#include <cstdio>

#include "cert_fixtures.hpp"

using namespace postern;

TEST_CASE("der_of and pem_of encode the same certificate", "[fingerprint]") {
  const auto fake = testing::make_fake_cert();
  certs::X509Ptr cert = testing::parse_pem(fake.cert_pem);
  REQUIRE(cert);
  CHECK(certs::pem_of(cert.get()) == fake.cert_pem);
  const std::string der = certs::der_of(cert.get());
  const auto* cursor = reinterpret_cast<const unsigned char*>(der.data());
  certs::X509Ptr parsed(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
  REQUIRE(parsed);
  CHECK(X509_cmp(parsed.get(), cert.get()) == 0);
}

TEST_CASE("digest_hex is the digest of the DER, upper-case", "[fingerprint]") {
  const auto fake = testing::make_fake_cert();
  certs::X509Ptr cert = testing::parse_pem(fake.cert_pem);
  const std::string der = certs::der_of(cert.get());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(der.data(), der.size(), digest, &size, EVP_sha256(), nullptr);
  std::string expected;
  char pair[4];
  for (unsigned i = 0; i < size; ++i) {
    std::snprintf(pair, sizeof pair, i == 0 ? "%02X" : ":%02X", digest[i]);
    expected += pair;
  }
  CHECK(certs::digest_hex(cert.get(), EVP_sha256(), true) == expected);
  const std::string sha1 = certs::digest_hex(cert.get(), EVP_sha1(), false);
  CHECK(sha1.size() == 40);
  CHECK(sha1.find(':') == std::string::npos);
}

TEST_CASE("describe reads serial, CN and validity", "[fingerprint]") {
  testing::FakeCertOptions options;
  options.not_before = std::chrono::hours(-2);
  options.not_after = std::chrono::hours(48);
  const auto fake = testing::make_fake_cert(options);
  certs::X509Ptr cert = testing::parse_pem(fake.cert_pem);
  const auto info = certs::describe(cert.get());
  CHECK(info.serial_hex == "1092");  // 4242
  CHECK(info.subject_cn == "Fake Test CA");
  CHECK(info.is_ca);
  CHECK(std::chrono::duration_cast<std::chrono::hours>(info.not_after - info.not_before).count() ==
        50);
}
