#pragma once
// OAuth 1.0a signing (RFC 5849 §3.4), step by step (STYLE practice 10): the parameter collection,
// normalisation, base string, signing key and the seven signature methods Postman offers are
// free functions here, tested with the RFC's and the OAuth Core 1.0 appendix's published values.
// oauth1.cpp decides what gets signed and where the oauth_* parameters go.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "runtime/auth/crypto.hpp"
#include "runtime/auth/http_message.hpp"
#include "runtime/auth/request_target.hpp"

namespace postern::auth::oauth1::detail {

/// name/value pairs, decoded (as RFC 5849 §3.4.1.3.1 collects them), in order.
using Parameters = std::vector<std::pair<std::string, std::string>>;

enum class Method {
  hmac_sha1,
  hmac_sha256,
  hmac_sha512,
  rsa_sha1,
  rsa_sha256,
  rsa_sha512,
  plaintext
};

/// "HMAC-SHA1" ... "PLAINTEXT" (case-insensitive), or nothing.
std::optional<Method> parse_method(std::string_view name);

/// The oauth_signature_method value: "HMAC-SHA256".
std::string_view method_name(Method method);

/// The digest a method uses (also oauth_body_hash's); nothing for PLAINTEXT.
std::optional<HashAlgorithm> method_digest(Method method);

/// §3.4.1.3.1: an application/x-www-form-urlencoded string ('+' is a space) decoded into pairs;
/// a name without '=' has an empty value.
Parameters decode_form(std::string_view text);

/// §3.4.1.2: "scheme://host[:port]/path", scheme and host lower-cased, the port only when it is
/// not the scheme's default, the path as sent, no query or fragment.
std::string base_string_uri(const RequestTarget& target);

/// §3.4.1.3.2: each name and value encoded (§3.6), sorted by name then value, "n=v" joined by '&'.
std::string normalize_parameters(Parameters parameters);

/// §3.4.1.1: METHOD & encode(base string URI) & encode(normalised parameters).
std::string signature_base_string(std::string_view method, std::string_view base_uri,
                                  std::string_view normalized_parameters);

/// §3.4.2 / §3.4.4: encode(consumer secret) & encode(token secret).
std::string signing_key(std::string_view consumer_secret, std::string_view token_secret);

/// The oauth_signature value, not yet encoded: base64 of HMAC (§3.4.2) or of an RSASSA-PKCS1-v1_5
/// signature with `private_key_pem` (§3.4.3), or the key itself for PLAINTEXT (§3.4.4). An RSA
/// key that does not load is errc::crypto_failure (the message never quotes the key).
base::Result<std::string> sign(Method method, std::string_view base_string, std::string_view key,
                               std::string_view private_key_pem);

/// oauth_body_hash (the Request Body Hash draft): base64 of the body's digest.
std::string body_hash(HashAlgorithm digest, std::string_view body);

/// §3.5.1: `OAuth realm="...",name="value",...` (realm only when set). With `encode` false the
/// values go in as they are (Postman's "disableHeaderEncoding").
std::string authorization_header(std::string_view realm, const Parameters& oauth_parameters,
                                 bool encode);

/// §3.5.2 / §3.5.3: "name=value&..." with names and values encoded, for a form body or a query.
std::string encode_pairs(const Parameters& parameters);

/// Whether the request's body is application/x-www-form-urlencoded (its parameters are signed).
bool has_form_body(const HttpRequest& request);

}  // namespace postern::auth::oauth1::detail
