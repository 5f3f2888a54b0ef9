#include "runtime/auth/pkce.hpp"

#include <algorithm>

#include "runtime/auth/crypto.hpp"

namespace postern::auth {

base::Result<PkceMethod> parse_pkce_method(std::string_view text) {
  if (text == "S256" || text == "SHA-256" || text == "sha256") return PkceMethod::s256;
  if (text == "plain") return PkceMethod::plain;
  return bad_parameter("oauth2", "challengeAlgorithm", "must be \"S256\" or \"plain\"");
}

std::string_view pkce_method_name(PkceMethod method) {
  return method == PkceMethod::s256 ? "S256" : "plain";
}

bool valid_code_verifier(std::string_view verifier) {
  if (verifier.size() < 43 || verifier.size() > 128) return false;
  return std::all_of(verifier.begin(), verifier.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
  });
}

std::string make_code_verifier(const AuthContext& context) {
  // 32 bytes = 256 bits of entropy, the RFC's recommendation; base64url keeps it unreserved.
  return base64url_encode(context.random_bytes(32));
}

std::string code_challenge(std::string_view verifier, PkceMethod method) {
  if (method == PkceMethod::plain) return std::string(verifier);
  return base64url_encode(hash(HashAlgorithm::sha256, verifier));
}

}  // namespace postern::auth
