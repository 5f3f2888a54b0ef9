#pragma once
// The live session's corner: its state, running time and total size, ticking every second, and
// Pause / Resume / Stop, then New capture once it has stopped. The running time counts on from
// the last answer the runtime gave (pauses excluded, as the runtime counts them); the count and
// size grow with each exchange event and are set right from the runtime every few seconds.

#include <wx/button.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <chrono>
#include <functional>
#include <optional>

#include "wizard/gui/capture/capture_service.hpp"

namespace postern::gui {

/// State, time, size and the session's buttons.
class SessionBar final : public wxPanel {
 public:
  using Changed = std::function<void(const control_client::Session&)>;

  SessionBar(wxWindow* parent, CaptureService& service, Changed on_changed,
             std::function<void()> on_new_capture);

  /// Shows `session` as the runtime described it just now.
  void show(const control_client::Session& session);
  /// Counts an exchange captured into the session shown.
  void add_exchange(const control_client::ExchangeSummary& exchange);
  /// The buttons' actions.
  void pause();
  void resume();
  void stop();

  /// The session as last known (the time not advanced).
  const std::optional<control_client::Session>& session() const { return session_; }
  /// The corner's text: "Running · 00:01:23 · 12 requests · 34.5 KB".
  wxString summary() const { return summary_->GetLabel(); }
  bool busy() const { return busy_; }
  wxButton* pause_button() const { return pause_; }
  wxButton* resume_button() const { return resume_; }
  wxButton* stop_button() const { return stop_; }
  wxButton* new_button() const { return new_; }

 private:
  void transition(control_client::CallResult<control_client::Session> (*verb)(ControlApis&));
  void refresh_summary();
  void sync();

  CaptureService& service_;
  Changed on_changed_;
  wxStaticText* state_ = nullptr;
  wxStaticText* summary_ = nullptr;
  wxStaticText* message_ = nullptr;
  wxButton* pause_ = nullptr;
  wxButton* resume_ = nullptr;
  wxButton* stop_ = nullptr;
  wxButton* new_ = nullptr;
  wxTimer tick_;
  std::optional<control_client::Session> session_;
  std::chrono::steady_clock::time_point shown_at_;  ///< when session_ was the runtime's word
  int ticks_ = 0;
  bool busy_ = false;
  bool syncing_ = false;
};

}  // namespace postern::gui
