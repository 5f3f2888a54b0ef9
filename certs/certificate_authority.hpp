#pragma once
// The proxy CA: created on first use, loaded and validated otherwise, never overwritten silently.

#include <openssl/types.h>

#include <filesystem>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "certs/errc.hpp"

namespace postern::certs {

/// The two files of a CA in a `proxy` folder.
struct CaFiles {
  std::filesystem::path cert;  ///< postern-proxy-ca.crt (PEM, 0644)
  std::filesystem::path key;   ///< postern-proxy-ca.key (PEM PKCS#8, 0600)

  /// The standard names inside `proxy_dir`.
  static CaFiles in(const std::filesystem::path& proxy_dir);
};

/// Whether load() needs the private key. Trust-store work only needs the certificate.
enum class KeyUse { required, not_needed };

/// Who the CA is for; goes into the subject CN ("Postern Proxy CA (user@host)").
struct CaOwner {
  std::string user;  ///< login name
  std::string host;  ///< machine name
  /// The current user's login name and this machine's host name.
  static CaOwner current();
};

/// A loaded or freshly created CA. Cheap to share via shared_ptr; immutable after construction.
class CertificateAuthority {
 public:
  /// Loads and validates both files; every failure names the file and the fix.
  static base::Result<std::shared_ptr<const CertificateAuthority>> load(const CaFiles& files,
                                                                        KeyUse key_use);
  /// Creates a new CA (P-256, 10 years) and writes it; refuses if either file exists.
  static base::Result<std::shared_ptr<const CertificateAuthority>> create(const CaFiles& files,
                                                                          const CaOwner& owner);
  /// load() when both files exist, create() when neither does; anything else is an error.
  static base::Result<std::shared_ptr<const CertificateAuthority>> load_or_create(
      const CaFiles& files, const CaOwner& owner);

  /// Frees the certificate and key.
  ~CertificateAuthority();
  CertificateAuthority(const CertificateAuthority&) = delete;
  CertificateAuthority& operator=(const CertificateAuthority&) = delete;

  /// Where the CA was loaded from or written to.
  const CaFiles& files() const;
  std::string pem() const;         ///< the certificate, PEM
  std::string der() const;         ///< the certificate, DER bytes
  std::string sha256_hex() const;  ///< SHA-256 of the DER, upper-case hex with colons
  std::string sha1_hex()
      const;  ///< SHA-1 of the DER, upper-case hex, no colons (Windows/macOS lookups)
  std::string serial_hex() const;  ///< the serial number, lower-case hex
  std::string subject_cn() const;  ///< the subject common name
  /// The unique name every trust-store entry uses: "Postern Proxy CA <first 16 hex of serial>".
  std::string store_label() const;
  /// False when loaded with KeyUse::not_needed: the CA can then not sign.
  bool has_key() const;
  X509* certificate() const;      ///< borrowed; valid while this object lives
  EVP_PKEY* private_key() const;  ///< borrowed; nullptr when loaded with KeyUse::not_needed

  /// The loaded state (defined in certificate_authority.cpp).
  struct Impl;
  /// Used by load() and create(); not for callers outside certs/.
  explicit CertificateAuthority(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace postern::certs
