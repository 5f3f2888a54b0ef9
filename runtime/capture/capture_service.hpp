#pragma once
// The debug-session lifecycle of the capture proxy (docs/capture.md) and the hooks the proxy
// calls for every exchange. One session at a time: start, pause, resume, stop, new options.
//
// Hot path: exchange_started runs on the proxy's I/O threads for every request. While no
// session runs (or it is paused) it reads one atomic flag and returns. While one runs it copies
// the pointer to the session's immutable CaptureSettings under a mutex held for that copy only;
// it never takes the lifecycle mutex, so lifecycle calls (which touch the disk) never stall
// traffic. Exchanges that started while the session ran are stored even
// when they finish after a pause or a stop.
//
// Events: "session" (Session JSON) after every change of the active session; "exchange"
// (ExchangeSummary JSON with session_id) for each finished exchange handed to the store. The
// exchange event is published from the recorder's finished(), on the proxy's I/O thread, as the
// exchange is queued, with the id the store gave it then; GET /v1/exchanges/{id} finds it once
// the writer has committed it (within about 50 ms). The publisher must not block.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "runtime/capture/capture_options.hpp"
#include "runtime/capture/capture_settings.hpp"
#include "runtime/proxy/exchange_hooks.hpp"
#include "runtime/store/capture_store.hpp"

namespace postern::capture {

/// Writes a stopped session's exchanges as a Postman collection (the exporter, wired by the
/// daemon).
using CollectionSaver =
    std::function<base::Result<base::Ok>(std::int64_t session_id, const CollectionTarget&)>;

/// Hands an event to the live event stream; called from several threads, must not block.
using EventPublisher = std::function<void(std::string_view name, const nlohmann::json& data)>;

/// What the service needs from outside; every member may be left empty.
struct ServiceHooks {
  CollectionSaver save_collection;  ///< called on stop when the options name a collection
  EventPublisher publish;           ///< live events
  /// Whether anyone listens to them now; when it says no, exchange events are not even built
  /// (they cost a JSON document per exchange). Empty: always build.
  std::function<bool()> listening;
  std::function<std::chrono::system_clock::time_point()> clock;  ///< for default names
};

/// The active session as the service sees it.
struct ActiveCapture {
  store::Session session;  ///< fresh from the store (state, counters)
  CaptureOptions options;  ///< the options in force now
};

/// What stop() did.
struct StopResult {
  store::Session session;                       ///< the session, stopped
  CaptureOptions options;                       ///< the options in force when it stopped
  bool deleted = false;                         ///< removed because save_to_history was false
  std::optional<base::Error> collection_error;  ///< the collection could not be written
};

/// Owns the debug session the proxy captures into.
class CaptureService final : public proxy::ExchangeHooks {
 public:
  /// Works over `store`, which must outlive the service; the service must outlive the proxy
  /// (its recorders call back into it).
  explicit CaptureService(store::CaptureStore& store, ServiceHooks hooks = {});

  /// Stops a session a previous run left running or paused (its connections are gone); call
  /// once at start-up, before the proxy listens.
  base::Result<base::Ok> recover();

  /// Starts a proxy session named `name` (a dated default when empty); store::errc::
  /// session_active while one is running or paused.
  base::Result<store::Session> start(std::string name, const CaptureOptions& options);
  /// Running -> paused: new exchanges are no longer recorded.
  base::Result<store::Session> pause();
  /// Paused -> running.
  base::Result<store::Session> resume();
  /// Stops for good; writes the collection when the options name one, then deletes the session
  /// when save_to_history is false (and the collection was written).
  base::Result<StopResult> stop();
  /// New options for the active session, for every exchange that starts from now on; the
  /// session's row keeps them too (GET /v1/sessions/{id}, the export).
  base::Result<store::Session> update_options(const CaptureOptions& options);
  /// The active session with its options, if the service runs one.
  base::Result<std::optional<ActiveCapture>> active();
  /// Renames session `id` (any session), announcing it when it is the active one.
  base::Result<store::Session> rename(std::int64_t id, std::string_view name);

  /// The options in force for session `id` when it is the active one.
  std::optional<CaptureOptions> options_of(std::int64_t id) const;

  /// The proxy's hook: a recorder while a session runs and the filter takes the request.
  std::unique_ptr<proxy::ExchangeRecorder> exchange_started(
      const proxy::ExchangeStart& start) override;

 private:
  struct Current {
    std::shared_ptr<const CaptureSettings> settings;  // kept while paused, for resume
    bool running = false;
  };

  void set_recording(std::shared_ptr<const CaptureSettings> settings);
  std::shared_ptr<const CaptureSettings> recording() const;
  void announce(const store::Session& session, const std::optional<CaptureOptions>& options);
  bool store_exchange(store::Exchange&& exchange);
  StopResult finish_stopped(store::Session stopped, const CaptureOptions& options);

  store::CaptureStore& store_;
  const ServiceHooks hooks_;
  mutable std::mutex mutex_;        // serialises lifecycle calls; never taken by exchange_started
  std::optional<Current> current_;  // guarded by mutex_
  // The hot path's view: the running session's settings, or null. recording_mutex_ is held
  // only to copy or swap the pointer, and not at all while nothing is recorded. (Not
  // std::atomic<std::shared_ptr>: libstdc++ 12's reads it with a relaxed unlock, which
  // ThreadSanitizer reports as a race with the next store.)
  std::atomic<bool> recording_flag_{false};
  mutable std::mutex recording_mutex_;
  std::shared_ptr<const CaptureSettings> recording_;
};

/// "Session 2026-11-22 10:00 UTC" for `at`.
std::string default_session_name(std::chrono::system_clock::time_point at);

}  // namespace postern::capture
