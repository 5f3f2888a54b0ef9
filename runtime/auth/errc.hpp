#pragma once
// auth::errc: why a scheme could not sign a request or read a server's challenge. The message
// names the rule; the Error built around it names the parameter or header.

#include <system_error>

namespace postern::auth {

enum class errc {
  unknown_scheme = 1,     ///< an auth type Postern does not know
  missing_parameter,      ///< a parameter the scheme needs is empty or absent
  bad_parameter,          ///< a parameter has a value the scheme cannot use
  bad_challenge,          ///< a WWW-Authenticate / Proxy-Authenticate header is malformed
  unsupported_challenge,  ///< the server asks for an algorithm or qop this scheme does not do
  crypto_failure,         ///< OpenSSL refused (a bad private key, an unavailable digest)
  bad_url,                ///< the request URL cannot be signed (not absolute, bad escapes)
};

/// The error category for auth::errc ("postern.auth").
const std::error_category& auth_category();
std::error_code make_error_code(errc e);

}  // namespace postern::auth

template <>
struct std::is_error_code_enum<postern::auth::errc> : std::true_type {};
