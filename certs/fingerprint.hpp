#pragma once
// Fingerprints and facts of an X509, shared by the CA, leaves and certificate_info.

#include <openssl/types.h>

#include <string>

#include "certs/certificate_info.hpp"

namespace postern::certs {

/// DER encoding of `cert`.
std::string der_of(X509* cert);
/// PEM encoding of `cert`.
std::string pem_of(X509* cert);
/// Digest of the DER as upper-case hex, optionally colon-separated ("AB:CD:...").
std::string digest_hex(X509* cert, const EVP_MD* md, bool colons);
/// The facts CertificateInfo holds.
CertificateInfo describe(X509* cert);

}  // namespace postern::certs
