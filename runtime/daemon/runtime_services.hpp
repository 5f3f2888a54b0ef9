#pragma once
// What the runtime keeps in its data folder and serves over the control API besides the proxy
// itself: the capture store (<data>/capture.db), the cookie jar (<data>/cookies.json), the live
// event hub, and the capture service that ties the proxy's exchanges to them. Opened once at
// start; the daemon adds their routes next to its own (docs/control-api.md).
//
// A session whose options name a collection is written there when it stops (the exporter's
// collection document, atomically and 0600), and every session and exchange change is
// published on /v1/events.

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "runtime/capture/capture_service.hpp"
#include "runtime/control/api_router.hpp"
#include "runtime/control/event_hub.hpp"
#include "runtime/cookies/cookie_jar_service.hpp"
#include "runtime/store/capture_store.hpp"

namespace postern::daemon {

/// The runtime's stores and services. Must outlive the routes it adds and the proxy it feeds.
class RuntimeServices {
 public:
  /// Opens (creating 0700 when missing) `data` and the store and jar in it; a session a crash
  /// left open is stopped (logged through `log` when it cannot be). An unreadable store or a
  /// corrupt cookies.json is an error naming the file: neither is overwritten.
  static base::Result<std::unique_ptr<RuntimeServices>> open(
      const std::filesystem::path& data, std::function<void(const std::string&)> log);
  RuntimeServices(const RuntimeServices&) = delete;
  RuntimeServices& operator=(const RuntimeServices&) = delete;

  /// The hooks the capture proxy calls for every exchange.
  std::shared_ptr<capture::CaptureService> capture() const { return capture_; }
  store::CaptureStore& store() { return *store_; }
  cookies::CookieJarService& cookie_jar() { return *cookie_jar_; }
  control::EventHub& events() { return events_; }

  /// Capture, sessions, exchanges, exports, cookies and events routes.
  void add_routes(control::ApiRouter& router);

 private:
  RuntimeServices() = default;

  std::unique_ptr<store::CaptureStore> store_;
  std::unique_ptr<cookies::CookieJarService> cookie_jar_;
  control::EventHub events_;
  std::shared_ptr<capture::CaptureService> capture_;
};

/// The capture service's collection saver: the stopped session of `store` written as a Postman
/// Collection v2.1 to the target's path, in the target's folders.
capture::CollectionSaver collection_saver(store::CaptureStore& store);

}  // namespace postern::daemon
