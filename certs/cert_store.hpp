#pragma once
// Leaf certificates minted on demand for the names a TLS client asks for, cached with a size bound.
// Knows nothing about the proxy: the TLS side asks it for a certificate by name (practice 14).

#include <openssl/types.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "certs/certificate_authority.hpp"

namespace postern::certs {

/// One minted leaf: its certificate and its own private key.
class LeafCertificate {
 public:
  /// Frees the certificate and its key.
  ~LeafCertificate();
  LeafCertificate(const LeafCertificate&) = delete;
  LeafCertificate& operator=(const LeafCertificate&) = delete;

  X509* certificate() const;      ///< borrowed; valid while this object lives
  EVP_PKEY* private_key() const;  ///< borrowed; valid while this object lives
  std::string pem() const;        ///< certificate PEM
  std::string key_pem() const;    ///< private key PEM (PKCS#8); for tests and local TLS endpoints

  /// The certificate and key (defined in certs/leaf_minter.hpp, which builds them).
  struct Impl;
  /// Wraps what LeafMinter made; not for callers outside certs/.
  explicit LeafCertificate(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

/// Counters for benchmarks and diagnostics.
struct CertStoreStats {
  std::size_t minted = 0;     ///< leaves created
  std::size_t hits = 0;       ///< answered from the cache (exact or wildcard)
  std::size_t evictions = 0;  ///< dropped because the cache was full
  std::size_t size = 0;       ///< cache keys now (a leaf with a wildcard SAN holds two)
};

/// Mints and caches leaves. Thread-safe.
class CertStore {
 public:
  /// Default bound, in cache keys: enough for a browsing session, small enough to stay a few MiB.
  static constexpr std::size_t kDefaultCapacity = 1000;

  /// `ca` must have its private key.
  explicit CertStore(std::shared_ptr<const CertificateAuthority> ca,
                     std::size_t capacity = kDefaultCapacity);
  /// Drops every cached leaf still held only by the store.
  ~CertStore();

  /// The leaf for a DNS name or IP address literal (IPv6 without brackets). Tries the exact name,
  /// then its wildcard form, then mints. Fails with errc::invalid_host for anything else.
  base::Result<std::shared_ptr<const LeafCertificate>> get(std::string_view host);

  /// A snapshot of the counters.
  CertStoreStats stats() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace postern::certs
