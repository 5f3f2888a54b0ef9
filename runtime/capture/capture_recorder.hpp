#pragma once
// Follows one proxied exchange of a running debug session (proxy::ExchangeRecorder) and, when
// it is over, hands what is kept of it to a sink (the store's queue in the runtime, a vector in
// tests). Runs on the proxy's I/O thread: it only copies, never waits.
//
// Memory: each body keeps at most options.body_limit bytes however it arrives, the rest is
// counted (original_size) and the copy marked truncated. Of what is kept, 64 KiB stays in memory
// and the rest waits in a spool file until the store inserts it (store/body_spool.hpp), so 128
// clients streaming 1 MiB bodies cost 8 MiB, not 128 MiB. Writing there is a page-cache copy,
// not a wait on the disk. Media responses, and all responses when
// save_responses is off, keep their status line and headers but no body (omitted_reason "media"
// or "not_saved"). A response that exclude_static refuses drops the whole exchange.

#include <functional>
#include <memory>
#include <string_view>

#include "runtime/capture/capture_settings.hpp"
#include "runtime/proxy/exchange_hooks.hpp"
#include "runtime/store/records.hpp"

namespace postern::capture {

/// Records one exchange under the settings it started with.
class CaptureRecorder final : public proxy::ExchangeRecorder {
 public:
  /// Receives the finished exchange; false when it could not be kept (the store's queue full).
  using Sink = std::function<bool(store::Exchange&&)>;

  /// Starts recording the request `start` describes (its head is copied now).
  CaptureRecorder(const proxy::ExchangeStart& start,
                  std::shared_ptr<const CaptureSettings> settings, Sink sink);

  void request_body(std::string_view bytes) override;
  bool response_head(const proxy::ResponseStart& response) override;
  void response_body(std::string_view bytes) override;
  void finished(const proxy::ExchangeEnd& end) override;

  /// True once the response head made the exchange one that is not stored (exclude_static).
  bool excluded() const { return excluded_; }

 private:
  void keep(store::CapturedBody& body, std::string_view bytes) const;

  std::shared_ptr<const CaptureSettings> settings_;
  Sink sink_;
  store::Exchange exchange_;
  bool excluded_ = false;
  bool finished_ = false;
};

/// "93.184.216.34" of "93.184.216.34:443", "::1" of "[::1]:443"; the text itself otherwise.
std::string_view host_of_address(std::string_view address);

}  // namespace postern::capture
