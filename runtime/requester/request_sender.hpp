#pragma once
// The requester's one entry point: send a request with an auth scheme, the way Postman does.
// It applies the scheme, sends with libcurl, lets the scheme answer a 401 challenge (Digest's
// nonce, NTLM's type 2) and sends again, follows redirects with may_send_sensitive() deciding
// what credentials travel, and uses and updates a cookie jar. Every leg (each challenge round
// trip and each redirect) is kept, as sent, for --verbose and the run report.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "runtime/auth/auth_scheme.hpp"
#include "runtime/requester/credential_policy.hpp"
#include "runtime/requester/proxy_settings.hpp"

namespace postern::requester {

class CookieAccess;  // cookie_access.hpp

/// One request and its answer, as they went over the wire.
struct Leg {
  auth::HttpRequest request;  ///< after auth and cookies were applied
  auth::ResponseHead response;
  std::string http_version;      ///< "HTTP/1.1"
  std::string reason;            ///< the status line's reason phrase
  std::string raw_request_head;  ///< exactly as written on the wire (for --verbose)
  std::size_t body_bytes = 0;    ///< this leg's response body size
  long long elapsed_ms = 0;
};

/// The final answer and how it was reached.
struct SendResult {
  auth::ResponseHead response;  ///< the last leg's status and headers
  std::string body;             ///< the last leg's body (decoded from chunked/gzip)
  std::string final_url;        ///< after redirects
  std::vector<Leg> legs;        ///< every round trip, in order
  long long elapsed_ms = 0;     ///< all legs together
  std::size_t body_bytes = 0;   ///< size of `body`
};

/// Which proxy a URL goes through (requester::resolve_proxy with the user's settings, usually);
/// asked again for each redirect, since bypass rules are per host.
using ProxyChooser = std::function<ResolvedProxy(const std::string& url)>;

struct SendOptions {
  ProxyChooser proxy;                        ///< empty: direct
  std::chrono::milliseconds timeout{30000};  ///< per leg
  bool follow_redirects = true;
  int max_redirects = 10;
  bool follow_original_method = false;  ///< keep POST on 301/302 (Postman's option)
  SensitivePolicy sensitive = SensitivePolicy::same_origin;  ///< credentials after a redirect
  int max_auth_rounds = 3;  ///< challenge round trips per URL (NTLM needs 2, Digest stale 2)
  bool verify_tls = true;
  std::string ca_file;  ///< CA bundle; empty: OpenSSL's default (honours SSL_CERT_FILE)
  std::string ca_dir;
  bool answer_challenges = true;    ///< let the scheme retry after a 401 (Digest, NTLM)
  CookieAccess* cookies = nullptr;  ///< nullptr: no cookies sent or stored
  std::string user_agent;           ///< empty: "postern/<version>"
};

/// Sends `request` with `scheme` applied. A transport failure (DNS, refused, TLS, timeout) is
/// an Error naming the URL and cause; any HTTP status is a SendResult.
base::Result<SendResult> send_request(auth::HttpRequest request, auth::AuthScheme& scheme,
                                      const SendOptions& options);

}  // namespace postern::requester
