#pragma once
// `postern-wizard --tour DIR`: walks every window with the choices given on the command line,
// waiting for each page's work, and has each one photographed (scripts/screenshots.sh renders the
// README's pictures this way). It drives the real buttons, so it doubles as a smoke test. Between
// the wizard and the reset it opens the capture window, starts a session and, when given an
// origin, sends a few requests through the proxy with curl so the live table, the detail, the
// cookies, the history and the overview have something real to show.

#include <wx/timer.h>

#include <functional>
#include <string>
#include <vector>

#include "wizard/gui/wizard_context.hpp"

namespace postern::gui {

class MainFrame;

/// Photographs `window` as `name` (the app runs ImageMagick's `import`; tests record the names).
using Shooter = std::function<bool(wxWindow* window, const std::string& name)>;

/// A shooter that writes `<dir>/<name>.png` with `import -window root -crop`.
Shooter import_shooter(const std::string& dir);

/// Runs the tour on a timer inside the event loop; calls `done(exit code)` at the end.
class Tour final : public wxEvtHandler {
 public:
  Tour(MainFrame& frame, WizardContext& context, Shooter shooter, std::function<void(int)> done);

  /// Sends the capture window's sample traffic to `url` ("http://127.0.0.1:8000"); when not
  /// set, to $POSTERN_TOUR_ORIGIN; when neither, none (the capture shots show an empty session).
  void set_capture_origin(std::string url) { capture_origin_ = std::move(url); }
  /// Starts; each step waits until its window is ready and has painted.
  void start();
  /// The names photographed so far.
  const std::vector<std::string>& shots() const { return shots_; }

 private:
  struct Step {
    std::function<bool()> ready;
    std::function<bool()> act;  ///< false ends the tour with failure
  };
  void build();
  void build_capture();
  void send_sample_traffic();
  void on_tick(wxTimerEvent& event);
  bool shoot(wxWindow* window, const std::string& name);

  MainFrame& frame_;
  WizardContext& context_;
  Shooter shooter_;
  std::function<void(int)> done_;
  wxTimer timer_;
  std::vector<Step> steps_;
  std::size_t next_ = 0;
  int settle_ticks_ = 0;  ///< ready for this many ticks before acting (lets GTK paint)
  int waited_ticks_ = 0;
  std::vector<std::string> shots_;
  std::string capture_origin_;
};

}  // namespace postern::gui
