#pragma once
// One interface for every authorization type (STYLE practice 8, after curl's vauth): a scheme is
// made from its parameters, adds its credentials to a request (create_response), reads the
// server's challenge when one comes back (decode_challenge), and forgets what it learned from a
// server (reset). Schemes that take several round trips (Digest, NTLM) keep that state inside
// their own object; the requester makes one scheme object per origin and credential set.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "runtime/auth/auth_params.hpp"
#include "runtime/auth/http_message.hpp"

namespace postern::auth {

/// Where time and randomness come from, so tests can pin them to a specification's vectors.
struct AuthContext {
  std::function<std::int64_t()> unix_time;               ///< seconds since 1970
  std::function<std::string(std::size_t)> random_bytes;  ///< that many random bytes
};

/// The real clock and OpenSSL's RAND_bytes.
AuthContext system_context();

/// What the requester should do after a response came back.
enum class ChallengeAnswer {
  done,   ///< nothing to do: the response stands (2xx, or a 401 this scheme cannot answer)
  retry,  ///< send the request again: the scheme learned what it needed (nonce, NTLM type 2)
};

class AuthScheme {
 public:
  virtual ~AuthScheme() = default;

  /// The Postman Collection v2.1 type name: "basic", "digest", "oauth1", ...
  virtual std::string_view type() const = 0;

  /// True when create_response alone gives the final request (Basic, SigV4); false when the
  /// server's challenge is needed first (Digest without a nonce, NTLM), so a dry run can say
  /// that the preview is only the first leg.
  virtual bool complete_without_server() const { return true; }

  /// Adds this scheme's credentials to `request` (headers, query or body parameters).
  virtual base::Status_or_error create_response(HttpRequest& request) = 0;

  /// Reads `response` to `request`: a 401 with this scheme's challenge may ask for a retry.
  /// The default answers `done`; schemes with round trips override it.
  virtual base::Result<ChallengeAnswer> decode_challenge(const HttpRequest& request,
                                                         const ResponseHead& response) {
    (void)request;
    (void)response;
    return ChallengeAnswer::done;
  }

  /// Forgets server-given state (nonces, counters, NTLM handshake). The requester calls it when
  /// the origin or the credentials change, so nothing learned from one server reaches another.
  virtual void reset() {}
};

}  // namespace postern::auth
