#pragma once
// One exchange as the hooks see it (exchange_hooks.hpp): the relay reports what happens, the
// tracker counts bytes, times the phases and calls the recorder the hooks returned, if any.
// finished() reaches the recorder exactly once: from finish(), or from the destructor when a
// coroutine unwinds early (a dropped client), so no exchange is ever left open.

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "runtime/proxy/exchange_hooks.hpp"
#include "runtime/proxy/message_head.hpp"

namespace postern::proxy {

/// Where a request was going, worked out by the relay.
struct ExchangeTarget {
  std::string url;         ///< absolute URL
  std::string scheme;      ///< "http" / "https"
  std::string host;        ///< lower case
  std::uint16_t port = 0;  ///< the origin's port
};

/// The hooks' view of one exchange.
class ExchangeTracker {
 public:
  /// Starts tracking `request` to `target` (calls ExchangeHooks::exchange_started when `hooks`).
  ExchangeTracker(ExchangeHooks* hooks, const RequestHead& request, const ExchangeTarget& target,
                  std::string_view client_address, bool client_tls,
                  std::chrono::system_clock::time_point started_at);
  /// Ends the exchange with "the connection closed" if finish() was not called.
  ~ExchangeTracker();
  ExchangeTracker(const ExchangeTracker&) = delete;
  ExchangeTracker& operator=(const ExchangeTracker&) = delete;

  /// True when a recorder follows this exchange.
  bool recording() const { return recorder_ != nullptr; }
  /// A new upstream connection was opened for it (timings, server address).
  void connected(std::string_view server_address, std::optional<double> connect_ms,
                 std::optional<double> tls_ms);
  /// A reused upstream connection carries it.
  void reused(std::string_view server_address);
  /// Request body bytes relayed: `decoded` for the recorder, `wire` for the sizes.
  void request_body(std::string_view decoded, std::size_t wire);
  /// The whole request went upstream.
  void request_sent();
  /// The final response head arrived.
  void response_head(const ResponseHead& response);
  /// Response body bytes relayed.
  void response_body(std::string_view decoded, std::size_t wire);
  /// The exchange became a tunnel (101 Switching Protocols); bytes after it count as body.
  void tunnel() { end_.tunnel = true; }
  /// Ends the exchange; `error` empty when it completed. Later calls do nothing.
  void finish(std::string error = {});

 private:
  using Clock = std::chrono::steady_clock;
  static double ms_between(Clock::time_point from, Clock::time_point to);

  std::unique_ptr<ExchangeRecorder> recorder_;
  bool want_response_body_ = true;
  bool finished_ = false;
  Clock::time_point head_done_ = Clock::now();
  Clock::time_point sent_{};
  Clock::time_point response_started_{};
  ExchangeEnd end_;
};

}  // namespace postern::proxy
