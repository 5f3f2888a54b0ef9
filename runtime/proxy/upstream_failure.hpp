#pragma once
// Why the proxy could not get an answer from an origin, in words a user can act on. Every
// failure becomes a 502 or 504 page naming the host, the step that failed and the cause, and
// the same text is the captured exchange's error. No I/O: the relay classifies, pages render.

#include <string>
#include <string_view>

#include <boost/system/error_code.hpp>

namespace postern::proxy {

/// The step of reaching an origin that failed.
enum class UpstreamStep {
  resolve,        ///< looking up the host name
  connect,        ///< the TCP connection (to the origin or the upstream proxy)
  proxy_connect,  ///< the upstream proxy's answer to our CONNECT
  tls,            ///< the TLS handshake with the origin
  send,           ///< sending the request
  response,       ///< waiting for the response head or reading it
};

/// One failure, ready to show.
struct UpstreamFailure {
  int status = 502;     ///< 502 Bad Gateway, or 504 Gateway Timeout for timeouts
  std::string code;     ///< stable: "dns", "refused", "timeout", "tls", "reset", "proxy", ...
  std::string target;   ///< "example.com:443"
  std::string message;  ///< one sentence: what went wrong, with the cause
  std::string remedy;   ///< what the user can do about it
};

/// The failure for `error` at `step` towards `target`. `detail` adds what the error code cannot
/// say (a certificate verification result, the upstream proxy's status line).
UpstreamFailure classify_upstream_failure(UpstreamStep step, const boost::system::error_code& error,
                                          std::string_view target, std::string_view detail = {});

}  // namespace postern::proxy
