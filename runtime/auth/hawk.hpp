#pragma once
// Hawk (hueniverse/hawk, protocol version 1): the header MAC over a normalized request string,
// the optional payload hash, and the timestamp MAC a server sends with a "Stale timestamp"
// challenge. The steps are exposed for the protocol's published examples; the scheme is
// make_hawk in hawk.cpp.

#include <string>
#include <string_view>

#include "runtime/auth/crypto.hpp"

namespace postern::auth::detail {

/// What the MAC covers (Hawk's "artifacts").
struct HawkArtifacts {
  std::string ts;  ///< seconds since 1970, as text
  std::string nonce;
  std::string method;    ///< upper-cased when normalized
  std::string resource;  ///< path and query, as sent
  std::string host;      ///< lower-cased when normalized
  std::string port;      ///< explicit or the scheme's default
  std::string hash;      ///< payload hash; empty when the payload is not signed
  std::string ext;
  std::string app;  ///< Oz application id; app and dlg are signed only when app is set
  std::string dlg;
};

/// "hawk.1.header\n" ts nonce METHOD resource host port hash ext [app dlg], one per line;
/// ext's '\' and newline escaped.
std::string hawk_normalized_string(const HawkArtifacts& artifacts);

/// The media type a payload hash covers: the Content-Type without parameters, lower case.
std::string hawk_content_type(std::string_view content_type);

/// base64(H("hawk.1.payload\n" content-type "\n" payload "\n")).
std::string hawk_payload_hash(HashAlgorithm algorithm, std::string_view content_type,
                              std::string_view payload);

/// base64(HMAC(key, normalized string)).
std::string hawk_mac(HashAlgorithm algorithm, std::string_view key, const HawkArtifacts& artifacts);

/// base64(HMAC(key, "hawk.1.ts\n" ts "\n")): how a server proves the time it sends back.
std::string hawk_timestamp_mac(HashAlgorithm algorithm, std::string_view key, std::string_view ts);

/// `Hawk id="...", ts="...", nonce="..."[, hash="..."][, ext="..."], mac="..."[, app="..."
/// [, dlg="..."]]` in the order the reference client writes it.
std::string hawk_authorization(std::string_view id, const HawkArtifacts& artifacts,
                               std::string_view mac);

}  // namespace postern::auth::detail
