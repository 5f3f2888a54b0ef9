#pragma once
// Digest access authentication (RFC 7616, and RFC 2617/2069 servers): the computation steps,
// exposed for the specification's vectors. The scheme itself (the state across the 401 round
// trip) is make_digest in digest.cpp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/auth/digest_challenge.hpp"

namespace postern::auth::detail {

/// Everything one Digest response is computed from.
struct DigestInputs {
  DigestAlgorithm algorithm;
  std::string username;
  std::string password;
  std::string realm;
  std::string nonce;
  std::string cnonce;
  std::string nc;   ///< eight hex digits, "00000001"
  std::string qop;  ///< "auth", "auth-int" or empty (RFC 2069: no qop, nc or cnonce)
  std::string method;
  std::string uri;   ///< the request-target as sent: path and query
  std::string body;  ///< hashed for qop=auth-int
};

/// Lower-case hex of the algorithm's hash of `data`: RFC 7616's H() and KD() building block.
std::string digest_h(const DigestAlgorithm& algorithm, std::string_view data);

/// H(A1): A1 is user:realm:password, or for -sess H(user:realm:password):nonce:cnonce (§3.4.2).
std::string digest_ha1(const DigestInputs& in);

/// H(A2): A2 is method:uri, or for auth-int method:uri:H(entity-body) (§3.4.3).
std::string digest_ha2(const DigestInputs& in);

/// The "response" value: KD(H(A1), nonce:nc:cnonce:qop:H(A2)), or H(H(A1):nonce:H(A2)) without
/// a qop (RFC 2069 compatibility, RFC 2617 §3.2.2.1).
std::string digest_response(const DigestInputs& in);

/// The user name as sent: H(user:realm) when the server asked for userhash (§3.4.4).
std::string digest_username(const DigestInputs& in, bool userhash);

/// The nonce count as eight lower-case hex digits (§3.4: "nc=00000001").
std::string format_nonce_count(std::uint32_t count);

/// The whole "Digest ..." Authorization value for `in`.
std::string digest_authorization(const DigestInputs& in, const std::optional<std::string>& opaque,
                                 bool userhash);

}  // namespace postern::auth::detail
