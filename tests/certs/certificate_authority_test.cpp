#include "certs/certificate_authority.hpp"

#include <openssl/bn.h>
#include <catch2/catch.hpp>

#include <cstdio>
#include <regex>

#include "cert_fixtures.hpp"
#include "certs/errc.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using certs::CaFiles;
using certs::CertificateAuthority;
using certs::errc;
using certs::KeyUse;

namespace {

const certs::CaOwner kOwner{"alice", "box"};

unsigned mode_of(const std::filesystem::path& path) {
  return static_cast<unsigned>(std::filesystem::status(path).permissions()) & 07777;
}

std::shared_ptr<const CertificateAuthority> create_ca(const CaFiles& files) {
  auto created = CertificateAuthority::create(files, kOwner);
  REQUIRE(created.has_value());
  return created.value();
}

bool has_critical_extension(X509* cert, int nid) {
  const int index = X509_get_ext_by_NID(cert, nid, -1);
  return index >= 0 && X509_EXTENSION_get_critical(X509_get_ext(cert, index)) == 1;
}

}  // namespace

TEST_CASE("create writes a P-256 CA with the key 0600 and the certificate 0644", "[ca]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir / "proxy");
  auto ca = create_ca(files);

#ifndef _WIN32  // POSIX modes; Windows relies on the profile folder's ACL
  CHECK(mode_of(files.key) == 0600);
  CHECK(mode_of(files.cert) == 0644);
  CHECK(mode_of(dir / "proxy") == 0700);
#endif
  auto key_text = base::read_file(files.key);
  REQUIRE(key_text.has_value());
  CHECK(key_text.value().rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);  // PKCS#8
  CHECK(ca->has_key());
  CHECK(EVP_PKEY_is_a(ca->private_key(), "EC"));
  CHECK(EVP_PKEY_get_bits(ca->private_key()) == 256);
  CHECK(X509_get_signature_nid(ca->certificate()) == NID_ecdsa_with_SHA256);
  CHECK(X509_verify(ca->certificate(), ca->private_key()) == 1);  // self-signed
}

TEST_CASE("the CA certificate carries the RFC 5280 issuer fields", "[ca]") {
  testing::TempDir dir;
  auto ca = create_ca(CaFiles::in(dir.path()));
  X509* cert = ca->certificate();

  CHECK(X509_get_version(cert) == X509_VERSION_3);
  CHECK(ca->subject_cn() == "Postern Proxy CA (alice@box)");
  char org[64] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_organizationName, org, sizeof org);
  CHECK(std::string(org) == "Postern");
  CHECK(X509_NAME_cmp(X509_get_subject_name(cert), X509_get_issuer_name(cert)) == 0);

  CHECK((X509_get_extension_flags(cert) & EXFLAG_CA) != 0);
  CHECK(X509_get_pathlen(cert) == 0);
  CHECK(has_critical_extension(cert, NID_basic_constraints));
  CHECK(X509_get_key_usage(cert) == (KU_KEY_CERT_SIGN | KU_CRL_SIGN));
  CHECK(has_critical_extension(cert, NID_key_usage));
  REQUIRE(X509_get0_subject_key_id(cert) != nullptr);
  CHECK(ASN1_STRING_length(X509_get0_subject_key_id(cert)) == 20);  // SHA-1 of the key

  const long backdate = testing::seconds_from_now(X509_get0_notBefore(cert));
  CHECK(backdate <= -3590);
  CHECK(backdate >= -3700);
  const long lifetime = testing::seconds_from_now(X509_get0_notAfter(cert));
  CHECK(lifetime > 3650L * 86400 - 100);
  CHECK(lifetime <= 3650L * 86400 + 100);
}

TEST_CASE("the CA serial is a random positive 128-bit number", "[ca]") {
  testing::TempDir dir;
  auto first = create_ca(CaFiles::in(dir / "a"));
  auto second = create_ca(CaFiles::in(dir / "b"));
  const ASN1_INTEGER* serial = X509_get0_serialNumber(first->certificate());
  CHECK(ASN1_STRING_type(serial) == V_ASN1_INTEGER);  // V_ASN1_NEG_INTEGER when negative
  CHECK(ASN1_STRING_length(serial) <= 16);
  CHECK(ASN1_STRING_length(serial) >= 14);
  CHECK(first->serial_hex() != second->serial_hex());
  CHECK(first->store_label() != second->store_label());
  CHECK(first->store_label() == "Postern Proxy CA " + first->serial_hex().substr(0, 16));
  CHECK(std::regex_match(first->serial_hex(), std::regex("[0-9a-f]+")));
}

TEST_CASE("fingerprints use the formats of openssl and the platform tools", "[ca]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir.path());
  auto ca = create_ca(files);
  CHECK(std::regex_match(ca->sha256_hex(), std::regex("([0-9A-F]{2}:){31}[0-9A-F]{2}")));
  CHECK(std::regex_match(ca->sha1_hex(), std::regex("[0-9A-F]{40}")));

#ifndef _WIN32
  // The same text `openssl x509 -fingerprint -sha256` prints, when the CLI is installed.
  const std::string command =
      "openssl x509 -noout -fingerprint -sha256 -in '" + files.cert.string() + "' 2>/dev/null";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char line[256] = {};
  const bool printed = std::fgets(line, sizeof line, pipe) != nullptr;
  ::pclose(pipe);
  if (!printed) {
    WARN("openssl CLI not available; skipped the comparison");
    return;
  }
  std::string text(line);
  text = text.substr(text.find('=') + 1);
  text.erase(text.find_last_not_of("\r\n") + 1);
  CHECK(text == ca->sha256_hex());
#endif
}

TEST_CASE("the CN fits ub-common-name however long the owner is", "[ca]") {
  testing::TempDir dir;
  auto ca = CertificateAuthority::create(CaFiles::in(dir.path()),
                                         {std::string(80, 'u'), std::string(80, 'h') + "\x01\xff"});
  REQUIRE(ca.has_value());
  CHECK(ca.value()->subject_cn().size() == 64);
  CHECK(ca.value()->subject_cn().rfind("Postern Proxy CA (uuu", 0) == 0);
  CHECK(ca.value()->subject_cn().back() == ')');
}

TEST_CASE("create refuses to overwrite either file", "[ca]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir.path());
  const bool cert_present = GENERATE(true, false);
  base::write_file_atomically(cert_present ? files.cert : files.key, "keep me",
                              base::FileMode::owner_only);
  auto created = CertificateAuthority::create(files, kOwner);
  REQUIRE_FALSE(created.has_value());
  CHECK(created.error().code == errc::ca_exists);
  CHECK_FALSE(created.error().remedy.empty());
  const auto& kept = std::filesystem::exists(files.cert) ? files.cert : files.key;
  CHECK(created.error().message.find(kept.string()) != std::string::npos);
  CHECK(base::read_file(kept).value() == "keep me");
}

TEST_CASE("load returns the CA that create wrote", "[ca]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir.path());
  auto created = create_ca(files);
  auto loaded = CertificateAuthority::load(files, KeyUse::required);
  REQUIRE(loaded.has_value());
  CHECK(loaded.value()->has_key());
  CHECK(loaded.value()->sha256_hex() == created->sha256_hex());
  CHECK(loaded.value()->pem() == created->pem());
  CHECK(loaded.value()->der() == created->der());
  CHECK(loaded.value()->files().key == files.key);
  CHECK(EVP_PKEY_eq(loaded.value()->private_key(), created->private_key()) == 1);
}

TEST_CASE("keyless load never reads the key file", "[ca]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir.path());
  auto created = create_ca(files);
  if (GENERATE(true, false)) {
    std::filesystem::remove(files.key);
  } else {
    // Garbage and world-readable: would fail both the mode check and the parse if it were read.
    base::write_file_atomically(files.key, "garbage", base::FileMode::world_read);
  }
  auto loaded = CertificateAuthority::load(files, KeyUse::not_needed);
  REQUIRE(loaded.has_value());
  CHECK_FALSE(loaded.value()->has_key());
  CHECK(loaded.value()->private_key() == nullptr);
  CHECK(loaded.value()->sha256_hex() == created->sha256_hex());
}

TEST_CASE("load_or_create creates once, then loads, and never overwrites half a CA", "[ca]") {
  testing::TempDir dir;
  const CaFiles files = CaFiles::in(dir / "proxy");
  auto first = CertificateAuthority::load_or_create(files, kOwner);
  REQUIRE(first.has_value());
  auto second = CertificateAuthority::load_or_create(files, kOwner);
  REQUIRE(second.has_value());
  CHECK(second.value()->sha256_hex() == first.value()->sha256_hex());
  CHECK(second.value()->has_key());

  // A crash between writing the key and the certificate leaves only the key.
  std::filesystem::remove(files.cert);
  const std::string key_before = base::read_file(files.key).value();
  auto third = CertificateAuthority::load_or_create(files, kOwner);
  REQUIRE_FALSE(third.has_value());
  CHECK(third.error().code == errc::ca_half_present);
  CHECK(third.error().message.find(files.key.string()) != std::string::npos);
  CHECK(third.error().remedy.find((dir / "proxy").string()) != std::string::npos);
  CHECK(base::read_file(files.key).value() == key_before);
  CHECK_FALSE(std::filesystem::exists(files.cert));
}

TEST_CASE("CaOwner::current names a user and a host", "[ca]") {
  const auto owner = certs::CaOwner::current();
  CHECK_FALSE(owner.user.empty());
  CHECK_FALSE(owner.host.empty());
}
