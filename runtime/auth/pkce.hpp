#pragma once
// PKCE, Proof Key for Code Exchange (RFC 7636): the code verifier a client keeps and the code
// challenge it sends with the authorization request, so a stolen authorization code is useless
// without the verifier. Pure functions: the randomness comes from an AuthContext.

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "runtime/auth/auth_scheme.hpp"

namespace postern::auth {

/// code_challenge_method (RFC 7636 §4.2): S256 = BASE64URL(SHA256(verifier)), plain = verifier.
enum class PkceMethod { s256, plain };

/// "S256" (also "SHA-256", as Postman's screen names it) or "plain", case as RFC 7636 spells
/// them; a bad_parameter error naming `challengeAlgorithm` otherwise.
base::Result<PkceMethod> parse_pkce_method(std::string_view text);

/// "S256" or "plain", the value sent as code_challenge_method.
std::string_view pkce_method_name(PkceMethod method);

/// True for 43 to 128 characters of the unreserved set A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1).
bool valid_code_verifier(std::string_view verifier);

/// A fresh verifier: 32 random bytes base64url-encoded, 43 characters (RFC 7636 §4.1's advice).
std::string make_code_verifier(const AuthContext& context);

/// The code_challenge for `verifier` (RFC 7636 §4.2).
std::string code_challenge(std::string_view verifier, PkceMethod method);

}  // namespace postern::auth
