#pragma once
// The typed hooks the capture proxy calls for every exchange it relays (practice 12). The proxy
// knows nothing about sessions, filters or the store: features such as capture subscribe here.
//
// Order, per exchange: exchange_started (the request head is complete) → request_body* →
// response_head → response_body* → finished. request_body may interleave with response_head
// when the upstream answers before the body is sent (an early 4xx). finished always comes,
// once, also when the exchange failed. All calls for one exchange come from one thread, one at
// a time; calls for different exchanges may come from different threads at once.
//
// Bodies are handed over decoded from their transfer coding (no chunk framing), as they arrive,
// in pieces of any size; Content-Encoding (gzip...) is left as it is. The views are valid only
// during the call: a recorder copies what it keeps. A hook must not block: it runs on the
// proxy's I/O thread.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/proxy/header_fields.hpp"

namespace postern::proxy {

/// The request, when its head is complete (before any body byte is forwarded).
struct ExchangeStart {
  std::chrono::system_clock::time_point started_at;  ///< when its first byte arrived
  std::string_view method;                           ///< as sent
  std::string_view url;                              ///< absolute: "https://host[:port]/path?query"
  std::string_view scheme;                           ///< "http" or "https" (the client side's)
  std::string_view host;                             ///< lower case, IPv6 without brackets
  std::uint16_t port = 0;                            ///< the origin's port
  std::string_view http_version;                     ///< "HTTP/1.1"
  const HeaderFields& headers;      ///< as the client sent them (before hop-by-hop removal)
  std::string_view client_address;  ///< "127.0.0.1:50123"
  bool tls = false;                 ///< the client spoke TLS to the proxy (intercepted)
  std::uint64_t head_bytes = 0;     ///< the request head's size on the wire
};

/// The response head, as the upstream sent it (interim 1xx responses are not reported).
struct ResponseStart {
  int status = 0;                 ///< 200...
  std::string_view reason;        ///< as sent
  std::string_view http_version;  ///< "HTTP/1.1"
  const HeaderFields& headers;    ///< as the upstream sent them
  std::uint64_t head_bytes = 0;   ///< the response head's size on the wire
};

/// Phase times in milliseconds; empty where the phase did not happen for this exchange (a
/// reused upstream connection has no connect or TLS time).
struct ExchangeTimings {
  std::optional<double> connect_ms;  ///< resolving and TCP connect (via the upstream proxy too)
  std::optional<double> tls_ms;      ///< the upstream TLS handshake
  std::optional<double> send_ms;     ///< writing the request upstream
  std::optional<double> wait_ms;     ///< request sent until the response head arrived
  std::optional<double> receive_ms;  ///< response head until its last byte
};

/// How an exchange ended.
struct ExchangeEnd {
  std::chrono::system_clock::time_point ended_at;  ///< when it ended
  std::string error;                               ///< empty when complete; else why it failed
  std::uint64_t request_body_bytes = 0;            ///< decoded body bytes relayed upstream
  std::uint64_t response_body_bytes = 0;           ///< decoded body bytes relayed to the client
  std::uint64_t request_wire_bytes = 0;            ///< head + body as received from the client
  std::uint64_t response_wire_bytes = 0;           ///< head + body as received from the upstream
  std::string server_address;  ///< "93.184.216.34:443" of the upstream, when connected
  ExchangeTimings timings;     ///< where known
  bool tunnel = false;         ///< a WebSocket (Upgrade) or pass-through tunnel, not HTTP
};

/// Follows one exchange the hooks chose to record.
class ExchangeRecorder {
 public:
  virtual ~ExchangeRecorder() = default;
  /// A piece of the request body (decoded).
  virtual void request_body(std::string_view bytes) = 0;
  /// The response head. Returns false when the recorder wants no response body (media,
  /// responses not saved): the proxy then skips response_body calls for this exchange.
  virtual bool response_head(const ResponseStart& response) = 0;
  /// A piece of the response body (decoded).
  virtual void response_body(std::string_view bytes) = 0;
  /// The exchange is over; no other call follows.
  virtual void finished(const ExchangeEnd& end) = 0;
};

/// What the proxy calls at the start of every exchange.
class ExchangeHooks {
 public:
  virtual ~ExchangeHooks() = default;
  /// A request head is complete. Returns the recorder that follows this exchange, or null
  /// when it is not recorded (no session running, filtered out): the proxy then copies
  /// nothing and calls nothing more for it.
  virtual std::unique_ptr<ExchangeRecorder> exchange_started(const ExchangeStart& start) = 0;
};

}  // namespace postern::proxy
