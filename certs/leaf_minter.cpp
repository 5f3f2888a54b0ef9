#include "certs/leaf_minter.hpp"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <string>
#include <vector>

#include "certs/errc.hpp"
#include "certs/fingerprint.hpp"
#include "certs/x509_builder.hpp"

namespace postern::certs {

namespace {

base::Error mint_error(const HostName& host, const std::string& step) {
  std::string detail = last_openssl_error();
  ERR_clear_error();
  return base::Error{make_error_code(errc::openssl_failure),
                     "cannot mint a certificate for " + host.name + ": " + step +
                         (detail.empty() ? "" : " (" + detail + ")"),
                     "report this as a bug"};
}

// OpenSSL 3.0 decodes a certificate's public key into an EVP_PKEY only when it parses DER, and
// X509_PUBKEY_set0_param leaves that slot empty, so X509_get0_pubkey() on the certificate as
// built returns null, and libssl's SSL_use_certificate() refuses it. Parsing the signed DER gives
// the certificate exactly as a peer will see it, with its key decoded. The parse (~0.1 ms, the
// provider decoder) is still cheaper than X509_set_pubkey's encode-then-decode (~0.15 ms).
X509Ptr reparse(X509* cert) {
  unsigned char* der = nullptr;
  const int size = i2d_X509(cert, &der);
  if (size <= 0) return nullptr;
  const unsigned char* cursor = der;
  X509Ptr parsed(d2i_X509(nullptr, &cursor, size));
  OPENSSL_free(der);
  return parsed;
}

}  // namespace

LeafCertificate::LeafCertificate(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LeafCertificate::~LeafCertificate() = default;

X509* LeafCertificate::certificate() const {
  return impl_->cert.get();
}
EVP_PKEY* LeafCertificate::private_key() const {
  return impl_->key.get();
}
std::string LeafCertificate::pem() const {
  return pem_of(impl_->cert.get());
}

std::string LeafCertificate::key_pem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || !PEM_write_bio_PKCS8PrivateKey(bio.get(), impl_->key.get(), nullptr, nullptr, 0,
                                             nullptr, nullptr)) {
    ERR_clear_error();
    return "";
  }
  return bio_contents(bio.get());
}

LeafMinter::LeafMinter(const CertificateAuthority& ca)
    : ca_(ca),
      issuer_(X509_NAME_dup(X509_get_subject_name(ca.certificate()))),
      // A leaf: CA:FALSE (RFC 5280 section 4.2.1.9), digitalSignature only because an ECDSA key
      // signs the TLS handshake and never encrypts (RFC 8446 section 4.4.3), serverAuth so that
      // clients checking EKU accept it for TLS servers (section 4.2.1.12).
      basic_constraints_(make_basic_constraints(false, -1)),
      key_usage_(make_key_usage({KeyUsageBit::digital_signature})),
      extended_key_usage_(make_server_auth_usage()),
      // The AKI names the CA's key so that path building picks the right issuer when several
      // Postern CAs (old and new) are installed (RFC 5280 section 4.2.1.1: MUST appear).
      authority_key_id_(make_authority_key_id(X509_get0_subject_key_id(ca.certificate()))) {
  ERR_clear_error();
}

base::Result<X509Ptr> LeafMinter::build(const HostName& host, EVP_PKEY* key) const {
  X509Ptr cert(X509_new());
  if (!cert || !X509_set_version(cert.get(), X509_VERSION_3) || !set_random_serial(cert.get()) ||
      !set_validity(cert.get(), -kLeafBackdate, kLeafLifetime) ||
      !set_p256_public_key(cert.get(), key)) {
    return mint_error(host, "serial, validity or public key");
  }
  const std::string_view common_name = std::string_view(host.name).substr(0, kMaxLeafCommonName);
  if (!issuer_ || !add_name_entry(X509_get_subject_name(cert.get()), NID_commonName, common_name) ||
      !X509_set_issuer_name(cert.get(), issuer_.get())) {
    return mint_error(host, "subject or issuer name");
  }
  // Clients match the name against the SAN; the CN is a fallback only when there is no SAN
  // (RFC 6125 section 6.4.4) and Chrome ignores it. The wildcard of the parent domain lets
  // CertStore reuse this leaf for sibling names.
  std::vector<std::string> dns_names;
  if (!host.is_ip()) {
    dns_names.push_back(host.name);
    if (std::string wildcard = wildcard_for(host); !wildcard.empty()) {
      dns_names.push_back(std::move(wildcard));
    }
  }
  if (!add_extension(cert.get(), basic_constraints_) || !add_extension(cert.get(), key_usage_) ||
      !add_extension(cert.get(), extended_key_usage_) ||
      !add_extension(cert.get(), make_subject_alt_name(dns_names, host.ip_octets)) ||
      (authority_key_id_ && !add_extension(cert.get(), authority_key_id_))) {
    return mint_error(host, "extensions");
  }
  // No subjectKeyIdentifier: nothing chains to a leaf, and the CA/B Baseline Requirements
  // (section 7.1.2.7.6) mark it NOT RECOMMENDED for subscriber certificates. One fewer SHA-1.
  return cert;
}

base::Result<std::shared_ptr<const LeafCertificate>> LeafMinter::mint(const HostName& host) const {
  if (ca_.private_key() == nullptr) {
    return base::Error{make_error_code(errc::no_key),
                       "the CA " + ca_.files().cert.string() +
                           " was loaded without its key and cannot sign a certificate for " +
                           host.name,
                       "load the CA with its key (KeyUse::required)"};
  }
  // Every leaf gets its own key (practice 14): a leaked leaf key then exposes one name only.
  PkeyPtr key = keys_.generate();
  if (!key) return mint_error(host, "key generation");
  auto cert = build(host, key.get());
  if (!cert) return cert.error();
  if (X509_sign(cert.value().get(), ca_.private_key(), EVP_sha256()) <= 0) {
    return mint_error(host, "signature");
  }
  X509Ptr parsed = reparse(cert.value().get());
  if (!parsed) return mint_error(host, "re-parsing the signed certificate");
  // The round trip must give back the leaf's own public key, or the TLS handshake would fail.
  EVP_PKEY* public_key = X509_get0_pubkey(parsed.get());
  if (public_key == nullptr || EVP_PKEY_eq(public_key, key.get()) != 1) {
    return mint_error(host, "public key round trip");
  }
  auto impl = std::make_unique<LeafCertificate::Impl>();
  impl->cert = std::move(parsed);
  impl->key = std::move(key);
  return std::make_shared<const LeafCertificate>(std::move(impl));
}

}  // namespace postern::certs
