#pragma once
// Akamai EdgeGrid (EG1-HMAC-SHA256), the client authentication of Akamai's {OPEN} APIs: the
// signing steps, exposed for Akamai's published test data. The scheme is make_edgegrid in
// edgegrid.cpp.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/auth/http_message.hpp"

namespace postern::auth::detail {

/// "yyyyMMddTHH:mm:ss+0000" in UTC, EdgeGrid's timestamp.
std::string edgegrid_timestamp(std::int64_t unix_seconds);

/// A random (version 4) UUID from 16 random bytes: the nonce Akamai's clients send.
std::string uuid_v4(std::string_view random16);

/// base64(HMAC-SHA256(client secret, timestamp)): the key of this request's signature.
std::string edgegrid_signing_key(std::string_view client_secret, std::string_view timestamp);

/// The headers to sign, in the given order, as "name:value" joined by tabs: names trimmed and
/// lower-cased, values trimmed with inner whitespace runs collapsed; absent or empty ones left
/// out.
std::string edgegrid_canonical_headers(const std::vector<std::string>& names,
                                       const std::vector<Header>& headers);

/// base64(SHA-256(the first max_body bytes of body)) for a non-empty POST body, else "".
std::string edgegrid_content_hash(std::string_view method, std::string_view body,
                                  std::size_t max_body);

/// "EG1-HMAC-SHA256 client_token=...;access_token=...;timestamp=...;nonce=...;", which is both
/// signed and sent.
std::string edgegrid_auth_prefix(std::string_view client_token, std::string_view access_token,
                                 std::string_view timestamp, std::string_view nonce);

/// What a request signs, one field per tab-separated column.
struct EdgeGridRequest {
  std::string method;
  std::string scheme;      ///< "https"
  std::string host;        ///< host[:port], or the baseURL's
  std::string path_query;  ///< "/path?query"
  std::string canonical_headers;
  std::string content_hash;
};

/// method \t scheme \t host \t path_query \t headers \t content hash \t auth prefix.
std::string edgegrid_data_to_sign(const EdgeGridRequest& request, std::string_view auth_prefix);

/// base64(HMAC-SHA256(signing key, data to sign)).
std::string edgegrid_signature(std::string_view signing_key, std::string_view data_to_sign);

}  // namespace postern::auth::detail
