#include "certs/x509_builder.hpp"

#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "cert_fixtures.hpp"

using namespace postern;
using namespace postern::certs;

namespace {

certs::X509Ptr der_round_trip(X509* cert) {
  unsigned char* der = nullptr;
  const int size = i2d_X509(cert, &der);
  const unsigned char* cursor = der;
  certs::X509Ptr parsed(d2i_X509(nullptr, &cursor, size));
  OPENSSL_free(der);
  return parsed;
}

std::string spki_der(X509* cert) {
  unsigned char* der = nullptr;
  const int size = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
  std::string bytes(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
  OPENSSL_free(der);
  return bytes;
}

}  // namespace

TEST_CASE("the fast P-256 public key equals X509_set_pubkey's", "[builder]") {
  PkeyPtr key = generate_p256_key();
  REQUIRE(key);
  X509Ptr fast(X509_new());
  X509Ptr slow(X509_new());
  REQUIRE(set_p256_public_key(fast.get(), key.get()));
  REQUIRE(X509_set_pubkey(slow.get(), key.get()) == 1);
  // Byte-identical SubjectPublicKeyInfo. (X509_PUBKEY_eq cannot compare them in memory: the
  // fast form has no decoded EVP_PKEY until the certificate is parsed.)
  CHECK(spki_der(fast.get()) == spki_der(slow.get()));
  CHECK(X509_get0_pubkey(fast.get()) == nullptr);
  ERR_clear_error();
  REQUIRE(set_validity(fast.get(), std::chrono::hours(0), std::chrono::hours(1)));
  REQUIRE(X509_sign(fast.get(), key.get(), EVP_sha256()) > 0);
  X509Ptr parsed = der_round_trip(fast.get());
  REQUIRE(parsed);
  CHECK(X509_check_private_key(parsed.get(), key.get()) == 1);
}

TEST_CASE("the fast public key refuses keys that are not P-256", "[builder]") {
  X509Ptr cert(X509_new());
  PkeyPtr p384(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
  PkeyPtr ed25519(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  CHECK_FALSE(set_p256_public_key(cert.get(), p384.get()));
  CHECK_FALSE(set_p256_public_key(cert.get(), ed25519.get()));
}

TEST_CASE("random serials are positive and differ", "[builder]") {
  X509Ptr a(X509_new());
  X509Ptr b(X509_new());
  REQUIRE(set_random_serial(a.get()));
  REQUIRE(set_random_serial(b.get()));
  CHECK(ASN1_STRING_type(X509_get0_serialNumber(a.get())) == V_ASN1_INTEGER);
  CHECK(ASN1_INTEGER_cmp(X509_get0_serialNumber(a.get()), X509_get0_serialNumber(b.get())) != 0);
}

TEST_CASE("validity offsets are relative to now", "[builder]") {
  X509Ptr cert(X509_new());
  REQUIRE(set_validity(cert.get(), std::chrono::hours(-1), std::chrono::hours(24)));
  CHECK(testing::seconds_from_now(X509_get0_notBefore(cert.get())) <= -3599);
  CHECK(testing::seconds_between(X509_get0_notBefore(cert.get()), X509_get0_notAfter(cert.get())) ==
        25L * 3600);
}

TEST_CASE("extensions decode to what was asked", "[builder]") {
  PkeyPtr key = generate_p256_key();
  X509Ptr cert(X509_new());
  REQUIRE(set_p256_public_key(cert.get(), key.get()));
  REQUIRE(set_validity(cert.get(), std::chrono::hours(0), std::chrono::hours(1)));
  REQUIRE(add_extension(cert.get(), make_basic_constraints(true, 0)));
  REQUIRE(add_extension(
      cert.get(), make_key_usage({KeyUsageBit::key_cert_sign, KeyUsageBit::digital_signature})));
  REQUIRE(add_extension(cert.get(), make_server_auth_usage()));
  ExtensionPtr subject_key_id = make_subject_key_id(cert.get());
  REQUIRE(add_extension(cert.get(), subject_key_id));
  auto* key_id = static_cast<ASN1_OCTET_STRING*>(X509V3_EXT_d2i(subject_key_id.get()));
  REQUIRE(key_id != nullptr);
  CHECK(ASN1_STRING_length(key_id) == 20);
  REQUIRE(add_extension(cert.get(), make_authority_key_id(key_id)));
  ASN1_OCTET_STRING_free(key_id);
  REQUIRE(add_extension(
      cert.get(), make_subject_alt_name({"a.test", "*.a.test"}, std::string("\x7f\0\0\x01", 4))));
  REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);
  X509Ptr parsed = der_round_trip(cert.get());
  REQUIRE(parsed);
  CHECK((X509_get_extension_flags(parsed.get()) & EXFLAG_CA) != 0);
  CHECK(X509_get_pathlen(parsed.get()) == 0);
  CHECK(X509_get_key_usage(parsed.get()) == (KU_KEY_CERT_SIGN | KU_DIGITAL_SIGNATURE));
  CHECK(X509_get_extended_key_usage(parsed.get()) == XKU_SSL_SERVER);
  REQUIRE(X509_get0_authority_key_id(parsed.get()) != nullptr);
  CHECK(ASN1_OCTET_STRING_cmp(X509_get0_authority_key_id(parsed.get()),
                              X509_get0_subject_key_id(parsed.get())) == 0);
  CHECK(X509_check_host(parsed.get(), "b.a.test", 0, 0, nullptr) == 1);
  CHECK(X509_check_ip_asc(parsed.get(), "127.0.0.1", 0) == 1);
}

TEST_CASE("a missing extension is reported, not added", "[builder]") {
  X509Ptr cert(X509_new());
  CHECK_FALSE(add_extension(cert.get(), nullptr));
  CHECK(make_authority_key_id(nullptr) == nullptr);
  CHECK(X509_get_ext_count(cert.get()) == 0);
  X509_NAME* name = X509_get_subject_name(cert.get());
  CHECK(add_name_entry(name, NID_commonName, std::string(64, 'a')));
  CHECK_FALSE(add_name_entry(name, NID_commonName, std::string(65, 'a')));  // ub-common-name
  ERR_clear_error();
}

TEST_CASE("the key generator gives distinct P-256 keys from several threads", "[builder]") {
  const P256KeyGenerator generator;
  std::vector<PkeyPtr> keys(8);
  std::vector<std::thread> threads;
  threads.reserve(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    threads.emplace_back([&generator, &keys, i] { keys[i] = generator.generate(); });
  }
  for (auto& thread : threads)
    thread.join();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    REQUIRE(keys[i]);
    CHECK(EVP_PKEY_is_a(keys[i].get(), "EC"));
    CHECK(EVP_PKEY_get_bits(keys[i].get()) == 256);
    if (i > 0) CHECK(EVP_PKEY_eq(keys[i].get(), keys[i - 1].get()) != 1);
  }
}
