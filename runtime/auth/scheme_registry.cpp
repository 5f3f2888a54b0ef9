#include "runtime/auth/scheme_registry.hpp"

#include <string>

#include "runtime/auth/errc.hpp"
#include "runtime/auth/scheme_factories.hpp"

namespace postern::auth {

const std::vector<SchemeEntry>& auth_schemes() {
  static const std::vector<SchemeEntry> table = {
      {"noauth", "no authorization", make_noauth},
      {"apikey", "API key in a header or the query", make_apikey},
      {"bearer", "Bearer token", make_bearer},
      {"basic", "Basic (user name and password)", make_basic},
      {"digest", "Digest (MD5, SHA-256, -sess; qop auth, auth-int)", make_digest},
      {"oauth1", "OAuth 1.0a (HMAC, RSA, PLAINTEXT signatures)", make_oauth1},
      {"oauth2", "OAuth 2.0 access token", make_oauth2},
      {"hawk", "Hawk (sha256, sha1)", make_hawk},
      {"awsv4", "AWS Signature version 4", make_awsv4},
      {"ntlm", "NTLM (NTLMv2)", make_ntlm},
      {"edgegrid", "Akamai EdgeGrid", make_edgegrid},
  };
  return table;
}

base::Result<std::unique_ptr<AuthScheme>> make_auth_scheme(std::string_view type,
                                                           const AuthParams& params,
                                                           const AuthContext& context) {
  std::string known;
  for (const auto& entry : auth_schemes()) {
    if (equals_ignoring_case(entry.type, type)) return entry.make(params, context);
    known += known.empty() ? "" : ", ";
    known += entry.type;
  }
  return base::Error{errc::unknown_scheme, "unknown auth type \"" + std::string(type) + "\"",
                     "use one of: " + known};
}

}  // namespace postern::auth
