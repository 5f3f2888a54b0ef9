#pragma once
// certs::errc: every way loading, creating or using the proxy CA can fail.

#include <system_error>

namespace postern::certs {

/// Why a certs operation failed.
enum class errc {
  ca_missing = 1,    ///< neither the certificate nor the key exists (`postern ca init` makes one)
  ca_half_present,   ///< one of the two files exists without the other
  ca_unreadable,     ///< a file exists but cannot be read (permissions, I/O)
  ca_corrupt,        ///< the certificate file is not a PEM certificate
  key_corrupt,       ///< the key file is not a PEM private key
  key_mismatch,      ///< the key does not belong to the certificate
  key_exposed,       ///< the key file is readable by other users (mode wider than 0600)
  ca_expired,        ///< the CA's notAfter has passed
  ca_not_yet_valid,  ///< the CA's notBefore is in the future (clock skew or a foreign file)
  ca_foreign,        ///< a certificate that is not a CA Postern can use (no CA:TRUE / keyCertSign)
  ca_exists,         ///< create() refused to overwrite existing files
  write_failed,      ///< the CA files could not be written
  invalid_host,      ///< a leaf was asked for a name that is not a DNS name or IP address
  no_key,            ///< the CA was loaded without its key and cannot sign
  openssl_failure,   ///< an OpenSSL call failed unexpectedly (out of memory, internal error)
};

/// The error category for certs::errc ("postern.certs").
const std::error_category& certs_category();
/// Lets `std::error_code code = errc::...` work (found by argument-dependent lookup).
std::error_code make_error_code(errc e);

}  // namespace postern::certs

template <>
struct std::is_error_code_enum<postern::certs::errc> : std::true_type {};
