#pragma once
// Certificates made at test time with OpenSSL's own config-string API (independent of the code
// under test), so that no checked-in fixture can expire, plus chain verification with OpenSSL.

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <chrono>
#include <string>

#include "base/files.hpp"
#include "certs/certificate_authority.hpp"
#include "certs/openssl_handles.hpp"

namespace postern::testing {

/// How a hand-made certificate differs from a good CA.
struct FakeCertOptions {
  std::chrono::seconds not_before = std::chrono::hours(-1);       ///< offset from now
  std::chrono::seconds not_after = std::chrono::hours(24 * 365);  ///< offset from now
  const char* basic_constraints = "critical,CA:TRUE,pathlen:0";   ///< nullptr: none
  const char* key_usage = "critical,keyCertSign,cRLSign";         ///< nullptr: none
};

/// A self-signed certificate and its key, both PEM.
struct FakeCert {
  std::string cert_pem;
  std::string key_pem;
};

inline void add_conf_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  certs::ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  X509_add_ext(cert, ext.get(), -1);
}

inline std::string pem_of_key(EVP_PKEY* key) {
  certs::BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  return certs::bio_contents(bio.get());
}

/// A self-signed P-256 certificate shaped by `options`.
inline FakeCert make_fake_cert(const FakeCertOptions& options = {}) {
  certs::PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  certs::X509Ptr cert(X509_new());
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 4242);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), static_cast<long>(options.not_before.count()));
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(options.not_after.count()));
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("Fake Test CA"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (options.basic_constraints) {
    add_conf_extension(cert.get(), NID_basic_constraints, options.basic_constraints);
  }
  if (options.key_usage) add_conf_extension(cert.get(), NID_key_usage, options.key_usage);
  add_conf_extension(cert.get(), NID_subject_key_identifier, "hash");
  X509_sign(cert.get(), key.get(), EVP_sha256());
  FakeCert made;
  certs::BioPtr bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_X509(bio.get(), cert.get());
  made.cert_pem = certs::bio_contents(bio.get());
  made.key_pem = pem_of_key(key.get());
  return made;
}

/// Writes a certificate (0644) and key (0600) as the CA files.
inline void write_fake_ca(const certs::CaFiles& files, const FakeCert& fake) {
  base::write_file_atomically(files.cert, fake.cert_pem, base::FileMode::world_read);
  base::write_file_atomically(files.key, fake.key_pem, base::FileMode::owner_only);
}

/// A parsed PEM certificate (null when it is not one).
inline certs::X509Ptr parse_pem(const std::string& pem) {
  auto bio = certs::memory_bio(pem);
  return certs::X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

/// "" when `leaf` verifies under a store holding only `ca`, for `host` (DNS name or IP literal)
/// and the TLS server purpose, with RFC 5280 strict checks; OpenSSL's reason otherwise.
inline std::string verify_leaf(X509* ca, X509* leaf, const std::string& host, bool is_ip) {
  using StorePtr = std::unique_ptr<X509_STORE, certs::OpensslDeleter<X509_STORE_free>>;
  using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, certs::OpensslDeleter<X509_STORE_CTX_free>>;
  StorePtr store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), ca);
  StoreCtxPtr ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), leaf, nullptr);
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx.get());
  if (is_ip) {
    X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
  } else {
    X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
  }
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT);
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
  const int ok = X509_verify_cert(ctx.get());
  std::string reason =
      ok == 1 ? "" : X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()));
  ERR_clear_error();
  return reason;
}

/// Seconds between two ASN1 times (to - from).
inline long seconds_between(const ASN1_TIME* from, const ASN1_TIME* to) {
  int days = 0;
  int seconds = 0;
  ASN1_TIME_diff(&days, &seconds, from, to);
  return static_cast<long>(days) * 86400 + seconds;
}

/// Seconds from now until `time` (negative in the past).
inline long seconds_from_now(const ASN1_TIME* time) {
  int days = 0;
  int seconds = 0;
  ASN1_TIME_diff(&days, &seconds, nullptr, time);
  return static_cast<long>(days) * 86400 + seconds;
}

}  // namespace postern::testing
