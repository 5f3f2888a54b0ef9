#pragma once
// The capture window's only way to the runtime: typed control-API calls run on a CallQueue and
// their results come back on the UI thread; the live event stream's events and state changes
// come back the same way. A result or event arrives only while the window that owns the
// service still exists (a wxWeakRef, read only on the UI thread), so a window closed while a
// call is in flight never sees it.

#include <wx/window.h>  // before weakref.h, which needs <type_traits> from it

#include <wx/weakref.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "runtime/control/client/capture_api.hpp"
#include "runtime/control/client/control_call.hpp"
#include "runtime/control/client/control_client.hpp"
#include "runtime/control/client/cookie_api.hpp"
#include "runtime/control/client/event_stream.hpp"
#include "wizard/gui/capture/call_queue.hpp"

namespace postern::gui {

/// The typed APIs over one client, for the length of one job.
struct ControlApis {
  control_client::ControlClient& client;
  control_client::CaptureApi capture;
  control_client::CookieApi cookies;
};

/// Runs `fn` on the UI thread later, only while `owner` (made and read there) still exists.
class UiPost {
 public:
  explicit UiPost(wxWindow* owner) : owner_(std::make_shared<wxWeakRef<wxWindow>>(owner)) {}
  /// Any thread.
  void operator()(std::function<void()> fn) const;

 private:
  std::shared_ptr<wxWeakRef<wxWindow>> owner_;
};

/// Control-API calls and events for one window and one runtime folder.
class CaptureService {
 public:
  using EventSink = std::function<void(const control_client::ControlEvent&)>;
  using StatusSink = std::function<void(const control_client::StreamStatus&)>;

  /// `owner` is the window results are delivered to; `runtime_dir` holds control.json.
  CaptureService(wxWindow* owner, std::filesystem::path runtime_dir);
  ~CaptureService();
  CaptureService(const CaptureService&) = delete;
  CaptureService& operator=(const CaptureService&) = delete;

  /// Runs `work` on the queue with a fresh client, then `done(result)` on the UI thread. A
  /// runtime that is not running is the CallFailure RUNTIME_NOT_RUNNING, as from any call.
  template <class T>
  void call(std::function<control_client::CallResult<T>(ControlApis&)> work,
            std::function<void(control_client::CallResult<T>)> done) {
    queue_.post([dir = runtime_dir_, post = post_, work = std::move(work),
                 done = std::move(done)]() mutable {
      auto result = std::make_shared<control_client::CallResult<T>>(run_with_client<T>(dir, work));
      post([done = std::move(done), result] { done(std::move(*result)); });
    });
  }

  /// Follows GET /v1/events until destroyed; sinks run on the UI thread.
  void listen(EventSink on_event, StatusSink on_status);
  /// Calls queued or running (for tests and the tour: "settled").
  std::size_t pending() const { return queue_.pending(); }
  const std::filesystem::path& runtime_dir() const { return runtime_dir_; }

 private:
  template <class T, class Work>
  static control_client::CallResult<T> run_with_client(const std::filesystem::path& dir,
                                                       Work& work) {
    auto client = control_client::ControlClient::open(dir);
    if (!client) return control_client::failure_from(client.error());
    ControlApis apis{client.value(), control_client::CaptureApi(client.value()),
                     control_client::CookieApi(client.value())};
    return work(apis);
  }

  std::filesystem::path runtime_dir_;
  UiPost post_;
  CallQueue queue_;
  std::unique_ptr<control_client::EventStream> stream_;  // stopped before the queue goes
};

}  // namespace postern::gui
