#include "certs/certificate_authority.hpp"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#ifdef _WIN32
#include <cstdlib>
#else
#include <pwd.h>
#include <unistd.h>
#endif

#include <chrono>
#include <vector>

#include "base/files.hpp"
#include "certs/ca_checks.hpp"
#include "certs/fingerprint.hpp"
#include "certs/openssl_handles.hpp"
#include "certs/x509_builder.hpp"

namespace postern::certs {

namespace fs = std::filesystem;

struct CertificateAuthority::Impl {
  CaFiles files;
  X509Ptr cert;
  PkeyPtr key;  ///< null when loaded with KeyUse::not_needed
  CertificateInfo info;
  std::string pem;
};

namespace {

// Backdated one hour so that a client whose clock runs a little behind the machine that created
// the CA still accepts it right away.
constexpr std::chrono::seconds kCaBackdate = std::chrono::hours(1);
// Ten years (3650 days). The CA is installed into trust stores by hand and replacing it means
// reinstalling everywhere. The short-lifetime limits (CA/B Forum 398 days, Apple's 825 days for
// certificates under user-added roots) govern TLS server certificates, not the root itself.
constexpr std::chrono::seconds kCaLifetime = std::chrono::hours(24 * 3650);
// ub-common-name (RFC 5280 Appendix A.1): a CN longer than 64 characters is not encodable.
constexpr std::size_t kMaxCommonName = 64;

constexpr std::string_view kCnPrefix = "Postern Proxy CA (";
constexpr std::string_view kCnSuffix = ")";

base::Error openssl_error(const std::string& what) {
  std::string detail = last_openssl_error();
  ERR_clear_error();
  return base::Error{make_error_code(errc::openssl_failure),
                     what + (detail.empty() ? "" : ": " + detail), "report this as a bug"};
}

// "Postern Proxy CA (user@host)", with the owner cut to fit ub-common-name. Only printable ASCII
// is kept: user and host names come from the system and need not be valid UTF-8.
std::string ca_common_name(const CaOwner& owner) {
  std::string who = owner.user + "@" + owner.host;
  for (char& c : who) {
    if (c < 0x20 || c > 0x7e) c = '_';
  }
  const std::size_t room = kMaxCommonName - kCnPrefix.size() - kCnSuffix.size();
  if (who.size() > room) who.resize(room);
  return std::string(kCnPrefix) + who + std::string(kCnSuffix);
}

// A self-signed CA: version 3 (needed for extensions, RFC 5280 section 4.1.2.1), ECDSA-SHA256.
base::Result<X509Ptr> build_ca_certificate(EVP_PKEY* key, const CaOwner& owner) {
  X509Ptr cert(X509_new());
  if (!cert || !X509_set_version(cert.get(), X509_VERSION_3) || !set_random_serial(cert.get()) ||
      !set_validity(cert.get(), -kCaBackdate, kCaLifetime) || !X509_set_pubkey(cert.get(), key)) {
    return openssl_error("cannot start the CA certificate");
  }
  X509_NAME* name = X509_get_subject_name(cert.get());
  if (!add_name_entry(name, NID_organizationName, "Postern") ||
      !add_name_entry(name, NID_commonName, ca_common_name(owner)) ||
      !X509_set_issuer_name(cert.get(), name)) {
    return openssl_error("cannot name the CA certificate");
  }
  // pathlen 0: this CA signs leaves only, never another CA (RFC 5280 section 4.2.1.9). keyUsage
  // keyCertSign and cRLSign are what an issuer needs (section 4.2.1.3). The SKI lets clients
  // match each leaf's AKI to this CA (section 4.2.1.2: MUST appear in CA certificates).
  if (!add_extension(cert.get(), make_basic_constraints(true, 0)) ||
      !add_extension(cert.get(),
                     make_key_usage({KeyUsageBit::key_cert_sign, KeyUsageBit::crl_sign})) ||
      !add_extension(cert.get(), make_subject_key_id(cert.get()))) {
    return openssl_error("cannot add the CA extensions");
  }
  if (X509_sign(cert.get(), key, EVP_sha256()) <= 0) return openssl_error("cannot sign the CA");
  return cert;
}

// PKCS#8 PEM ("BEGIN PRIVATE KEY"), unencrypted: the file mode protects it, as for an SSH key.
base::Result<std::string> private_key_pem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      !PEM_write_bio_PKCS8PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)) {
    return openssl_error("cannot encode the CA key");
  }
  return bio_contents(bio.get());
}

base::Error write_error(const base::Error& cause) {
  return base::Error{make_error_code(errc::write_failed), cause.message, cause.remedy};
}

// The key first, then the certificate: a crash in between leaves a key without a certificate,
// which load_or_create() reports as half present instead of silently creating another CA.
base::Result<base::Ok> write_ca_files(const CaFiles& files, EVP_PKEY* key, X509* cert) {
  for (const fs::path& file : {files.key, files.cert}) {
    const fs::path dir = file.parent_path();
    if (!dir.empty() && !file_present(dir)) {
      auto made = base::create_directories(dir, /*private_dir=*/true);
      if (!made) return write_error(made.error());
    }
  }
  auto key_pem = private_key_pem(key);
  if (!key_pem) return key_pem.error();
  auto wrote_key =
      base::write_file_atomically(files.key, key_pem.value(), base::FileMode::owner_only);
  OPENSSL_cleanse(key_pem.value().data(), key_pem.value().size());
  if (!wrote_key) return write_error(wrote_key.error());
  auto wrote_cert =
      base::write_file_atomically(files.cert, pem_of(cert), base::FileMode::world_read);
  if (!wrote_cert) return write_error(wrote_cert.error());
  return base::Ok{};
}

std::shared_ptr<const CertificateAuthority> make_authority(const CaFiles& files, X509Ptr cert,
                                                           PkeyPtr key) {
  auto impl = std::make_unique<CertificateAuthority::Impl>();
  impl->files = files;
  impl->info = describe(cert.get());
  impl->pem = pem_of(cert.get());
  impl->cert = std::move(cert);
  impl->key = std::move(key);
  return std::make_shared<const CertificateAuthority>(std::move(impl));
}

}  // namespace

CaFiles CaFiles::in(const fs::path& proxy_dir) {
  return CaFiles{proxy_dir / "postern-proxy-ca.crt", proxy_dir / "postern-proxy-ca.key"};
}

CaOwner CaOwner::current() {
  CaOwner owner;
#ifdef _WIN32
  const char* user = std::getenv("USERNAME");
  const char* host = std::getenv("COMPUTERNAME");
  if (user != nullptr) owner.user = user;
  if (host != nullptr) owner.host = host;
#else
  struct passwd entry {};
  struct passwd* found = nullptr;
  std::vector<char> buffer(16384);
  if (getpwuid_r(geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0 && found &&
      found->pw_name != nullptr) {
    owner.user = found->pw_name;
  } else if (const char* user = std::getenv("USER"); user != nullptr) {
    owner.user = user;
  }
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) == 0) owner.host = host;
#endif
  if (owner.user.empty()) owner.user = "user";
  if (owner.host.empty()) owner.host = "localhost";
  return owner;
}

base::Result<std::shared_ptr<const CertificateAuthority>> CertificateAuthority::load(
    const CaFiles& files, KeyUse key_use) {
  const bool cert_present = file_present(files.cert);
  const bool key_present = file_present(files.key);
  // Keyless loading never looks at the key file, beyond telling "missing" from "half present".
  const bool key_needed = key_use == KeyUse::required;
  if (!cert_present || (key_needed && !key_present)) {
    return missing_files_error(files, cert_present, key_present);
  }
  auto cert = read_ca_certificate(files);
  if (!cert) return cert.error();
  if (auto can_issue = check_can_issue(cert.value().get(), files); !can_issue) {
    return can_issue.error();
  }
  if (auto valid = check_validity(cert.value().get(), files); !valid) return valid.error();
  PkeyPtr key;
  if (key_needed) {
    if (auto mode = check_key_mode(files); !mode) return mode.error();
    auto loaded = read_ca_key(cert.value().get(), files);
    if (!loaded) return loaded.error();
    key = std::move(loaded.value());
  }
  return make_authority(files, std::move(cert.value()), std::move(key));
}

base::Result<std::shared_ptr<const CertificateAuthority>> CertificateAuthority::create(
    const CaFiles& files, const CaOwner& owner) {
  for (const fs::path& file : {files.cert, files.key}) {
    if (file_present(file)) {
      return base::Error{make_error_code(errc::ca_exists),
                         file.string() + " already exists; Postern does not overwrite a CA",
                         "keep using it, or run `postern ca regenerate` to replace it"};
    }
  }
  // P-256 with ECDSA-SHA256: every trust store and TLS client that matters accepts it (Windows,
  // macOS/iOS, Android, NSS, OpenSSL, Java), and it signs a leaf about ten times faster than
  // RSA-2048 (measured floor here: 0.10 ms against 1.1 ms; RSA-2048 keygen alone is ~339 ms).
  // Minting for a new host name must stay under 0.5 ms, so the CA key type decides it.
  PkeyPtr key = generate_p256_key();
  if (!key) return openssl_error("cannot generate the CA key");
  auto cert = build_ca_certificate(key.get(), owner);
  if (!cert) return cert.error();
  if (auto wrote = write_ca_files(files, key.get(), cert.value().get()); !wrote) {
    return wrote.error();
  }
  return make_authority(files, std::move(cert.value()), std::move(key));
}

base::Result<std::shared_ptr<const CertificateAuthority>> CertificateAuthority::load_or_create(
    const CaFiles& files, const CaOwner& owner) {
  const bool cert_present = file_present(files.cert);
  const bool key_present = file_present(files.key);
  if (cert_present && key_present) return load(files, KeyUse::required);
  if (!cert_present && !key_present) return create(files, owner);
  return missing_files_error(files, cert_present, key_present);  // never overwrite half a CA
}

CertificateAuthority::CertificateAuthority(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CertificateAuthority::~CertificateAuthority() = default;

const CaFiles& CertificateAuthority::files() const {
  return impl_->files;
}
std::string CertificateAuthority::pem() const {
  return impl_->pem;
}
std::string CertificateAuthority::der() const {
  return impl_->info.der;
}
std::string CertificateAuthority::sha256_hex() const {
  return impl_->info.sha256_hex;
}
std::string CertificateAuthority::sha1_hex() const {
  return impl_->info.sha1_hex;
}
std::string CertificateAuthority::serial_hex() const {
  return impl_->info.serial_hex;
}
std::string CertificateAuthority::subject_cn() const {
  return impl_->info.subject_cn;
}
std::string CertificateAuthority::store_label() const {
  return "Postern Proxy CA " + impl_->info.serial_hex.substr(0, 16);
}
bool CertificateAuthority::has_key() const {
  return impl_->key != nullptr;
}
X509* CertificateAuthority::certificate() const {
  return impl_->cert.get();
}
EVP_PKEY* CertificateAuthority::private_key() const {
  return impl_->key.get();
}

}  // namespace postern::certs
