#pragma once
// A Digest challenge (RFC 7616 §3.3) read out of the generic WWW-Authenticate parse that
// challenge.hpp does once for every scheme: the algorithm named, the qop options split, stale
// and userhash as booleans. Kept apart from digest.cpp because it reads server input (fuzzed by
// fuzz/digest_challenge_fuzz.cpp) while digest.cpp only computes.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "runtime/auth/challenge.hpp"
#include "runtime/auth/crypto.hpp"

namespace postern::auth {

/// A Digest algorithm: the hash and whether it is the "-sess" variant (RFC 7616 §3.4.2).
struct DigestAlgorithm {
  HashAlgorithm hash = HashAlgorithm::md5;
  bool session = false;
  std::string name;  ///< as sent back in the Authorization header: "MD5", "SHA-256-sess", ...
};

/// "MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "SHA-512-256-sess" (any case),
/// or nothing for any other name.
std::optional<DigestAlgorithm> digest_algorithm(std::string_view name);

/// What a server's Digest challenge tells the client.
struct DigestChallenge {
  std::string realm;
  std::string nonce;
  std::optional<std::string> opaque;  ///< echoed back unchanged when present
  DigestAlgorithm algorithm;          ///< MD5 when the challenge names none (RFC 7616 §3.3)
  std::vector<std::string> qop;       ///< the offered qop values, lower case; empty: RFC 2069
  bool stale = false;                 ///< the nonce expired but the credentials were right (§3.3)
  bool userhash = false;              ///< the server wants the user name hashed (§3.4.4)
};

/// Reads one parsed "Digest" challenge: errc::bad_challenge without a nonce,
/// errc::unsupported_challenge for an algorithm this client does not implement.
base::Result<DigestChallenge> read_digest_challenge(const Challenge& challenge);

/// "auth, auth-int" -> {"auth", "auth-int"}: the qop-options list, trimmed and lower-cased.
std::vector<std::string> split_qop_options(std::string_view list);

}  // namespace postern::auth
