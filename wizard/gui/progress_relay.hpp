#pragma once
// Carries the engine's progress from the worker thread to the UI thread. The engine calls the
// observer on whatever thread runs it; each call is queued to the application's event loop and
// handed, there, to whichever sink the current page installed. Only the UI thread touches the sink.

#include <functional>
#include <memory>
#include <string>

#include "base/outcome.hpp"
#include "base/progress.hpp"

namespace postern::gui {

/// One progress report, copied so it can cross threads.
struct ProgressEvent {
  enum class Kind { started, finished, detail };
  Kind kind = Kind::detail;
  std::string what;       ///< step description (started) or the line (detail)
  std::string target;     ///< file or store involved (started)
  base::Outcome outcome;  ///< finished only
};

/// A ProgressObserver that forwards to a UI-thread sink.
class ProgressRelay final : public base::ProgressObserver {
 public:
  using Sink = std::function<void(const ProgressEvent&)>;

  /// Installs the sink (UI thread only); an empty sink drops events.
  void set_sink(Sink sink) { *sink_ = std::move(sink); }

  void step_started(std::string_view what, std::string_view target) override;
  void step_finished(const base::Outcome& outcome) override;
  void detail(std::string_view line) override;

 private:
  void post(ProgressEvent event);
  /// Shared with queued events through weak pointers: an event still queued when the relay is
  /// gone finds nothing and does nothing.
  std::shared_ptr<Sink> sink_ = std::make_shared<Sink>();
};

}  // namespace postern::gui
