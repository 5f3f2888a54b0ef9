#include "certs/x509_builder.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/objects.h>
#include <openssl/rand.h>

namespace postern::certs {

namespace {

using BignumPtr = std::unique_ptr<BIGNUM, OpensslDeleter<BN_free>>;
using BasicConstraintsPtr =
    std::unique_ptr<BASIC_CONSTRAINTS, OpensslDeleter<BASIC_CONSTRAINTS_free>>;
using BitStringPtr = std::unique_ptr<ASN1_BIT_STRING, OpensslDeleter<ASN1_BIT_STRING_free>>;
using OctetStringPtr = std::unique_ptr<ASN1_OCTET_STRING, OpensslDeleter<ASN1_OCTET_STRING_free>>;
using AuthorityKeyIdPtr = std::unique_ptr<AUTHORITY_KEYID, OpensslDeleter<AUTHORITY_KEYID_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, OpensslDeleter<GENERAL_NAMES_free>>;
using GeneralNamePtr = std::unique_ptr<GENERAL_NAME, OpensslDeleter<GENERAL_NAME_free>>;

// The stack only borrows OBJ_nid2obj's static objects, so freeing it must not free them.
void free_object_stack(STACK_OF(ASN1_OBJECT) * stack) {
  sk_ASN1_OBJECT_free(stack);
}
using ObjectStackPtr = std::unique_ptr<STACK_OF(ASN1_OBJECT), OpensslDeleter<free_object_stack>>;

// An uncompressed P-256 point: 0x04 || X (32 octets) || Y (32 octets), SEC 1 section 2.3.3.
constexpr std::size_t kP256PointSize = 65;

// A GENERAL_NAME of `type` (GEN_DNS or GEN_IPADD) holding `bytes`.
GeneralNamePtr make_general_name(int type, std::string_view bytes) {
  GeneralNamePtr name(GENERAL_NAME_new());
  ASN1_STRING* value =
      ASN1_STRING_type_new(type == GEN_DNS ? V_ASN1_IA5STRING : V_ASN1_OCTET_STRING);
  if (!name || value == nullptr ||
      !ASN1_STRING_set(value, bytes.data(), static_cast<int>(bytes.size()))) {
    ASN1_STRING_free(value);
    return nullptr;
  }
  GENERAL_NAME_set0_value(name.get(), type, value);
  return name;
}

bool push_name(GENERAL_NAMES* names, GeneralNamePtr name) {
  if (!name || sk_GENERAL_NAME_push(names, name.get()) <= 0) return false;
  (void)name.release();  // the stack owns it now
  return true;
}

}  // namespace

PkeyPtr generate_p256_key() {
  return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

P256KeyGenerator::P256KeyGenerator()
    : context_(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr)) {
  if (context_ && (EVP_PKEY_keygen_init(context_.get()) <= 0 ||
                   EVP_PKEY_CTX_set_group_name(context_.get(), "P-256") <= 0)) {
    context_.reset();
  }
}

PkeyPtr P256KeyGenerator::generate() const {
  if (!context_) return generate_p256_key();
  EVP_PKEY* key = nullptr;
  std::lock_guard lock(mutex_);
  if (EVP_PKEY_keygen(context_.get(), &key) <= 0) return nullptr;
  return PkeyPtr(key);
}

bool set_random_serial(X509* cert) {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return false;
  // Clearing the top bit keeps the INTEGER positive in 16 octets; setting the lowest bit rules
  // out zero, which RFC 5280 section 4.1.2.2 forbids. 126 random bits remain, well above the
  // 64 the CA/Browser Forum Baseline Requirements (section 7.1) ask for.
  bytes[0] &= 0x7f;
  bytes[sizeof bytes - 1] |= 0x01;
  BignumPtr number(BN_bin2bn(bytes, sizeof bytes, nullptr));
  return number && BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(cert)) != nullptr;
}

bool set_validity(X509* cert, std::chrono::seconds not_before, std::chrono::seconds not_after) {
  // X509_gmtime_adj picks UTCTime before 2050 and GeneralizedTime after, as RFC 5280 4.1.2.5 asks.
  return X509_gmtime_adj(X509_getm_notBefore(cert), static_cast<long>(not_before.count())) &&
         X509_gmtime_adj(X509_getm_notAfter(cert), static_cast<long>(not_after.count()));
}

bool set_p256_public_key(X509* cert, EVP_PKEY* key) {
  // OpenSSL 3.0's X509_set_pubkey serialises the key through the provider encoder machinery
  // (~0.29 ms, more than the ECDSA signature itself). The SubjectPublicKeyInfo of a P-256 key is
  // fixed apart from the point (RFC 5480 section 2), so it is built here from the raw point.
  unsigned char point[kP256PointSize];
  std::size_t size = 0;
  if (EVP_PKEY_get_bits(key) != 256 || !EVP_PKEY_is_a(key, "EC") ||
      EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &size) !=
          1 ||
      size != kP256PointSize) {
    return false;
  }
  auto* owned = static_cast<unsigned char*>(OPENSSL_memdup(point, size));
  if (owned == nullptr) return false;
  if (!X509_PUBKEY_set0_param(X509_get_X509_PUBKEY(cert), OBJ_nid2obj(NID_X9_62_id_ecPublicKey),
                              V_ASN1_OBJECT, OBJ_nid2obj(NID_X9_62_prime256v1), owned,
                              static_cast<int>(size))) {
    OPENSSL_free(owned);
    return false;
  }
  return true;
}

bool add_name_entry(X509_NAME* name, int nid, std::string_view value) {
  return X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>(value.data()),
                                    static_cast<int>(value.size()), -1, 0) == 1;
}

ExtensionPtr make_basic_constraints(bool is_ca, long path_length) {
  BasicConstraintsPtr constraints(BASIC_CONSTRAINTS_new());
  if (!constraints) return nullptr;
  constraints->ca = is_ca ? 0xFF : 0;  // DER encodes BOOLEAN TRUE as 0xFF (X.690 section 11.1)
  if (path_length >= 0) {
    constraints->pathlen = ASN1_INTEGER_new();
    if (constraints->pathlen == nullptr || !ASN1_INTEGER_set(constraints->pathlen, path_length)) {
      return nullptr;
    }
  }
  return ExtensionPtr(X509V3_EXT_i2d(NID_basic_constraints, 1, constraints.get()));
}

ExtensionPtr make_key_usage(std::initializer_list<KeyUsageBit> bits) {
  BitStringPtr usage(ASN1_BIT_STRING_new());
  if (!usage) return nullptr;
  for (KeyUsageBit bit : bits) {
    if (!ASN1_BIT_STRING_set_bit(usage.get(), static_cast<int>(bit), 1)) return nullptr;
  }
  return ExtensionPtr(X509V3_EXT_i2d(NID_key_usage, 1, usage.get()));
}

ExtensionPtr make_server_auth_usage() {
  ObjectStackPtr usages(sk_ASN1_OBJECT_new_null());
  if (!usages || sk_ASN1_OBJECT_push(usages.get(), OBJ_nid2obj(NID_server_auth)) <= 0) {
    return nullptr;
  }
  return ExtensionPtr(X509V3_EXT_i2d(NID_ext_key_usage, 0, usages.get()));
}

ExtensionPtr make_subject_key_id(X509* cert) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!X509_pubkey_digest(cert, EVP_sha1(), digest, &size)) return nullptr;
  OctetStringPtr key_id(ASN1_OCTET_STRING_new());
  if (!key_id || !ASN1_OCTET_STRING_set(key_id.get(), digest, static_cast<int>(size))) {
    return nullptr;
  }
  return ExtensionPtr(X509V3_EXT_i2d(NID_subject_key_identifier, 0, key_id.get()));
}

ExtensionPtr make_authority_key_id(const ASN1_OCTET_STRING* issuer_key_id) {
  if (issuer_key_id == nullptr) return nullptr;
  AuthorityKeyIdPtr authority(AUTHORITY_KEYID_new());
  if (!authority) return nullptr;
  authority->keyid = ASN1_OCTET_STRING_dup(issuer_key_id);
  if (authority->keyid == nullptr) return nullptr;
  return ExtensionPtr(X509V3_EXT_i2d(NID_authority_key_identifier, 0, authority.get()));
}

ExtensionPtr make_subject_alt_name(const std::vector<std::string>& dns_names,
                                   std::string_view ip_octets) {
  GeneralNamesPtr names(sk_GENERAL_NAME_new_null());
  if (!names) return nullptr;
  for (const auto& dns : dns_names) {
    if (!push_name(names.get(), make_general_name(GEN_DNS, dns))) return nullptr;
  }
  if (!ip_octets.empty() && !push_name(names.get(), make_general_name(GEN_IPADD, ip_octets))) {
    return nullptr;
  }
  // Not critical: the subject carries a CN, so it is not empty (RFC 5280 section 4.2.1.6).
  return ExtensionPtr(X509V3_EXT_i2d(NID_subject_alt_name, 0, names.get()));
}

bool add_extension(X509* cert, const ExtensionPtr& extension) {
  return extension && X509_add_ext(cert, extension.get(), -1) == 1;
}

}  // namespace postern::certs
