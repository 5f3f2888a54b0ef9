#pragma once
// Signing one leaf certificate for one host name with the proxy CA. The parts every leaf shares
// (issuer name, constant extensions) are encoded once, so a new name costs a key pair, a few
// small encodings and one ECDSA signature.

#include <chrono>
#include <memory>

#include "base/result.hpp"
#include "certs/cert_store.hpp"
#include "certs/certificate_authority.hpp"
#include "certs/host_name.hpp"
#include "certs/openssl_handles.hpp"
#include "certs/x509_builder.hpp"

namespace postern::certs {

/// notBefore = now - 2 days. Clients whose clock lags (a VM restored from a snapshot, a phone
/// without network time) would otherwise reject a certificate minted a moment ago as not yet
/// valid; mitmproxy backdates by the same amount.
inline constexpr std::chrono::seconds kLeafBackdate = std::chrono::hours(24 * 2);
/// notAfter = now + 90 days. Leaves live only in memory for one proxy run, so a short lifetime
/// costs nothing. 92 days in all (with the backdate) stays far below the 398-day maximum of the
/// CA/B Forum Baseline Requirements (section 6.3.2) that browsers enforce for public CAs, and
/// Apple's 825-day limit that applies under user-added roots, so no client's check can trip.
inline constexpr std::chrono::seconds kLeafLifetime = std::chrono::hours(24 * 90);
/// ub-common-name (RFC 5280 Appendix A.1); the SAN carries the full name, the CN is cosmetic.
inline constexpr std::size_t kMaxLeafCommonName = 64;

/// What a LeafCertificate holds.
struct LeafCertificate::Impl {
  X509Ptr cert;  ///< the signed leaf
  PkeyPtr key;   ///< its own P-256 key
};

/// Mints leaves under one CA. mint() is const and safe to call from several threads at once.
class LeafMinter {
 public:
  /// Prepares the shared parts; `ca` must outlive the minter and have its private key.
  explicit LeafMinter(const CertificateAuthority& ca);

  /// A new leaf for `host` with a fresh key: SAN DNS name (+ wildcard_for(host)) or IP address.
  base::Result<std::shared_ptr<const LeafCertificate>> mint(const HostName& host) const;

 private:
  using NamePtr = std::unique_ptr<X509_NAME, OpensslDeleter<X509_NAME_free>>;
  base::Result<X509Ptr> build(const HostName& host, EVP_PKEY* key) const;

  const CertificateAuthority& ca_;
  P256KeyGenerator keys_;
  NamePtr issuer_;
  ExtensionPtr basic_constraints_;
  ExtensionPtr key_usage_;
  ExtensionPtr extended_key_usage_;
  ExtensionPtr authority_key_id_;  ///< null when the CA has no SKI (a foreign CA)
};

}  // namespace postern::certs
