#include "certs/leaf_minter.hpp"

#include <openssl/pem.h>
#include <catch2/catch.hpp>

#include <set>

#include "cert_fixtures.hpp"
#include "certs/errc.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using certs::CaFiles;
using certs::CertificateAuthority;
using certs::LeafMinter;

namespace {

struct Minted {
  testing::TempDir dir;
  std::shared_ptr<const CertificateAuthority> ca;
  std::shared_ptr<const certs::LeafCertificate> leaf;

  explicit Minted(std::string_view host) {
    ca = CertificateAuthority::create(CaFiles::in(dir.path()), {"t", "h"}).value();
    LeafMinter minter(*ca);
    auto result = minter.mint(certs::normalize_host(host).value());
    REQUIRE(result.has_value());
    leaf = result.value();
  }
};

// The SAN entries as "DNS:name" / "IP:octet-count".
std::set<std::string> san_entries(X509* cert) {
  std::set<std::string> entries;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  REQUIRE(names != nullptr);
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type == GEN_DNS) {
      const ASN1_IA5STRING* dns = name->d.dNSName;
      entries.insert("DNS:" + std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                                          static_cast<std::size_t>(ASN1_STRING_length(dns))));
    } else if (name->type == GEN_IPADD) {
      entries.insert("IP:" + std::to_string(ASN1_STRING_length(name->d.iPAddress)));
    }
  }
  GENERAL_NAMES_free(names);
  return entries;
}

bool critical(X509* cert, int nid) {
  const int index = X509_get_ext_by_NID(cert, nid, -1);
  return index >= 0 && X509_EXTENSION_get_critical(X509_get_ext(cert, index)) == 1;
}

certs::X509Ptr der_round_trip(X509* cert) {
  unsigned char* der = nullptr;
  const int size = i2d_X509(cert, &der);
  const unsigned char* cursor = der;
  certs::X509Ptr parsed(d2i_X509(nullptr, &cursor, size));
  OPENSSL_free(der);
  return parsed;
}

}  // namespace

TEST_CASE("a DNS leaf verifies under the CA for its name and its siblings", "[leaf]") {
  Minted minted("a.b.example.com");
  X509* ca = minted.ca->certificate();
  X509* leaf = minted.leaf->certificate();
  CHECK(testing::verify_leaf(ca, leaf, "a.b.example.com", false).empty());
  CHECK(testing::verify_leaf(ca, leaf, "c.b.example.com", false).empty());
  CHECK_FALSE(testing::verify_leaf(ca, leaf, "b.example.com", false).empty());
  CHECK_FALSE(testing::verify_leaf(ca, leaf, "x.a.b.example.com", false).empty());
  CHECK(san_entries(leaf) == std::set<std::string>{"DNS:a.b.example.com", "DNS:*.b.example.com"});
}

TEST_CASE("IP leaves carry the address and no wildcard", "[leaf]") {
  Minted v4("192.0.2.7");
  CHECK(testing::verify_leaf(v4.ca->certificate(), v4.leaf->certificate(), "192.0.2.7", true)
            .empty());
  CHECK(san_entries(v4.leaf->certificate()) == std::set<std::string>{"IP:4"});
  Minted v6("[2001:db8::1]");
  CHECK(testing::verify_leaf(v6.ca->certificate(), v6.leaf->certificate(), "2001:db8::1", true)
            .empty());
  CHECK(san_entries(v6.leaf->certificate()) == std::set<std::string>{"IP:16"});
}

TEST_CASE("leaf extensions follow RFC 5280 for a TLS server", "[leaf]") {
  Minted minted("www.example.com");
  X509* leaf = minted.leaf->certificate();
  CHECK(X509_get_version(leaf) == X509_VERSION_3);
  CHECK((X509_get_extension_flags(leaf) & EXFLAG_CA) == 0);
  CHECK(critical(leaf, NID_basic_constraints));
  CHECK(X509_get_key_usage(leaf) == KU_DIGITAL_SIGNATURE);
  CHECK(critical(leaf, NID_key_usage));
  CHECK(X509_get_extended_key_usage(leaf) == XKU_SSL_SERVER);
  REQUIRE(X509_get0_authority_key_id(leaf) != nullptr);
  CHECK(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(leaf),
                              X509_get0_subject_key_id(minted.ca->certificate())) == 0);
  CHECK(X509_NAME_cmp(X509_get_issuer_name(leaf),
                      X509_get_subject_name(minted.ca->certificate())) == 0);
  CHECK(X509_get_signature_nid(leaf) == NID_ecdsa_with_SHA256);
  const ASN1_INTEGER* serial = X509_get0_serialNumber(leaf);
  CHECK(ASN1_STRING_type(serial) == V_ASN1_INTEGER);
  CHECK(ASN1_STRING_length(serial) >= 14);
}

TEST_CASE("leaf validity is backdated and far below 397 days", "[leaf]") {
  Minted minted("www.example.com");
  X509* leaf = minted.leaf->certificate();
  const long since = testing::seconds_from_now(X509_get0_notBefore(leaf));
  CHECK(since < -86400);  // in the past by more than a day of clock skew
  const long total = testing::seconds_between(X509_get0_notBefore(leaf), X509_get0_notAfter(leaf));
  CHECK(total < 397L * 86400);
  CHECK(total == static_cast<long>((certs::kLeafBackdate + certs::kLeafLifetime).count()));
}

TEST_CASE("each leaf has its own key, and the fast public key round-trips", "[leaf]") {
  Minted first("one.example.com");
  LeafMinter minter(*first.ca);
  auto second = minter.mint(certs::normalize_host("two.example.com").value());
  REQUIRE(second.has_value());
  CHECK(EVP_PKEY_eq(first.leaf->private_key(), second.value()->private_key()) != 1);
  CHECK(EVP_PKEY_eq(first.leaf->private_key(), first.ca->private_key()) != 1);

  // Parsed back from DER, the certificate's key is the leaf key.
  certs::X509Ptr parsed = der_round_trip(first.leaf->certificate());
  REQUIRE(parsed);
  CHECK(X509_check_private_key(parsed.get(), first.leaf->private_key()) == 1);
  CHECK(X509_check_private_key(first.leaf->certificate(), first.leaf->private_key()) == 1);
  CHECK(X509_verify(parsed.get(), first.ca->private_key()) == 1);
}

TEST_CASE("PEM forms of the leaf parse back", "[leaf]") {
  Minted minted("pem.example.com");
  certs::X509Ptr cert = testing::parse_pem(minted.leaf->pem());
  REQUIRE(cert);
  CHECK(X509_cmp(cert.get(), minted.leaf->certificate()) == 0);
  const std::string key_pem = minted.leaf->key_pem();
  CHECK(key_pem.rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
  auto bio = certs::memory_bio(key_pem);
  certs::PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  REQUIRE(key);
  CHECK(EVP_PKEY_eq(key.get(), minted.leaf->private_key()) == 1);
}

TEST_CASE("a name longer than 64 characters keeps its SAN and a truncated CN", "[leaf]") {
  const std::string host = std::string(60, 'a') + "." + std::string(60, 'b') + ".example.com";
  Minted minted(host);
  char cn[256] = {};
  const int size = X509_NAME_get_text_by_NID(X509_get_subject_name(minted.leaf->certificate()),
                                             NID_commonName, cn, sizeof cn);
  CHECK(size == 64);
  CHECK(std::string(cn) == host.substr(0, 64));
  CHECK(testing::verify_leaf(minted.ca->certificate(), minted.leaf->certificate(), host, false)
            .empty());
}

TEST_CASE("a keyless CA cannot mint", "[leaf]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir.path());
  REQUIRE(CertificateAuthority::create(files, {"t", "h"}).has_value());
  auto keyless = CertificateAuthority::load(files, certs::KeyUse::not_needed).value();
  LeafMinter minter(*keyless);
  auto result = minter.mint(certs::normalize_host("example.com").value());
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == certs::errc::no_key);
}
