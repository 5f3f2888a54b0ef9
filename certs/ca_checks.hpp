#pragma once
// The checks CertificateAuthority::load() runs on the two CA files. Each failure is a
// base::Error whose message names the file and whose remedy says how to fix it (practice 6).

#include <openssl/types.h>

#include <filesystem>

#include "base/result.hpp"
#include "certs/certificate_authority.hpp"
#include "certs/openssl_handles.hpp"

namespace postern::certs {

/// Upper bound for reading either CA file: a PEM certificate or key is a few KiB, so anything
/// larger is not one and is refused before it is parsed.
inline constexpr std::size_t kMaxCaFileBytes = 1024 * 1024;

/// Whether something (even a dangling symlink) is at `path`; errors count as "present".
bool file_present(const std::filesystem::path& path);

/// The remedy for a CA that cannot be repaired: delete its folder and regenerate.
std::string regenerate_remedy(const CaFiles& files);

/// errc::ca_missing or errc::ca_half_present, naming the file that is there and the one that is
/// not.
base::Error missing_files_error(const CaFiles& files, bool cert_present, bool key_present);

/// Reads and parses the PEM certificate (ca_unreadable, ca_corrupt).
base::Result<X509Ptr> read_ca_certificate(const CaFiles& files);

/// CA:TRUE and keyCertSign, as RFC 5280 sections 4.2.1.9 and 4.2.1.3 require of an issuer
/// (ca_foreign, ca_corrupt for malformed extensions).
base::Result<base::Ok> check_can_issue(X509* cert, const CaFiles& files);

/// notBefore <= now <= notAfter (ca_not_yet_valid, ca_expired).
base::Result<base::Ok> check_validity(X509* cert, const CaFiles& files);

/// The key is owner-only (key_exposed); a no-op where POSIX modes do not exist.
base::Result<base::Ok> check_key_mode(const CaFiles& files);

/// Reads and parses the PEM private key and checks it matches `cert` (ca_unreadable,
/// key_corrupt, key_mismatch). Encrypted keys are refused rather than prompting on a terminal.
base::Result<PkeyPtr> read_ca_key(X509* cert, const CaFiles& files);

}  // namespace postern::certs
