#include "wizard/gui/capture/session_bar.hpp"

#include <wx/sizer.h>

#include "wizard/gui/capture/capture_format.hpp"
#include "wizard/gui/capture/capture_strings.hpp"

namespace postern::gui {

namespace cc = control_client;

namespace {

constexpr int kTickMs = 1000;
constexpr int kSyncTicks = 3;  // ask the runtime for the true count and size this often

}  // namespace

SessionBar::SessionBar(wxWindow* parent, CaptureService& service, Changed on_changed,
                       std::function<void()> on_new_capture)
    : wxPanel(parent), service_(service), on_changed_(std::move(on_changed)), tick_(this) {
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  state_ = new wxStaticText(this, wxID_ANY, wxString());
  wxFont bold = state_->GetFont();
  bold.MakeBold();
  state_->SetFont(bold);
  message_ = new wxStaticText(this, wxID_ANY, wxString());
  message_->SetForegroundColour(*wxRED);
  summary_ = new wxStaticText(this, wxID_ANY, wxString());
  pause_ = new wxButton(this, wxID_ANY, text::session_pause());
  resume_ = new wxButton(this, wxID_ANY, text::session_resume());
  stop_ = new wxButton(this, wxID_ANY, text::session_stop());
  new_ = new wxButton(this, wxID_ANY, text::session_new());
  row->Add(state_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
  row->Add(message_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
  row->Add(summary_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
  for (auto* button : {pause_, resume_, stop_})
    row->Add(button, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  row->Add(new_, 0, wxALIGN_CENTER_VERTICAL);
  SetSizer(row);
  pause_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { pause(); });
  resume_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { resume(); });
  stop_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { stop(); });
  new_->Bind(wxEVT_BUTTON,
             [on_new_capture = std::move(on_new_capture)](wxCommandEvent&) { on_new_capture(); });
  Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
    refresh_summary();
    if (++ticks_ % kSyncTicks == 0) sync();
  });
  tick_.Start(kTickMs);
  refresh_summary();
}

void SessionBar::show(const cc::Session& session) {
  session_ = session;
  shown_at_ = std::chrono::steady_clock::now();
  const auto state = session.state;
  state_->SetLabel(session_state_name(state));
  pause_->Enable(!busy_ && state == cc::SessionState::running);
  resume_->Enable(!busy_ && state == cc::SessionState::paused);
  stop_->Enable(!busy_ && state != cc::SessionState::stopped);
  new_->Show(state == cc::SessionState::stopped);
  refresh_summary();
}

void SessionBar::add_exchange(const cc::ExchangeSummary& exchange) {
  if (!session_ || session_->id != exchange.session_id) return;
  ++session_->exchange_count;
  session_->total_bytes += exchange_bytes(exchange);
  refresh_summary();
}

void SessionBar::refresh_summary() {
  if (!session_) {
    summary_->SetLabel(wxString());
    return;
  }
  auto ms = session_->duration_ms;
  if (session_->state == cc::SessionState::running)
    ms += std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                shown_at_)
              .count();
  summary_->SetLabel(text::session_summary(clock_duration(ms), session_->exchange_count,
                                           human_size(session_->total_bytes)));
  Layout();
}

void SessionBar::pause() {
  transition([](ControlApis& apis) { return apis.capture.pause(); });
}

void SessionBar::resume() {
  transition([](ControlApis& apis) { return apis.capture.resume(); });
}

void SessionBar::stop() {
  transition([](ControlApis& apis) { return apis.capture.stop(); });
}

void SessionBar::transition(cc::CallResult<cc::Session> (*verb)(ControlApis&)) {
  if (busy_ || !session_) return;
  busy_ = true;
  for (auto* button : {pause_, resume_, stop_})
    button->Disable();
  service_.call<cc::Session>(verb, [this](cc::CallResult<cc::Session> moved) {
    busy_ = false;
    if (!moved) {
      message_->SetLabel(wxString::FromUTF8(moved.error().message));
      if (session_) show(*session_);
      return;
    }
    message_->SetLabel(wxString());
    show(moved.value());
    on_changed_(moved.value());
  });
}

void SessionBar::sync() {
  if (!session_ || session_->state == cc::SessionState::stopped || syncing_ || busy_) return;
  syncing_ = true;
  service_.call<cc::Session>(
      [id = session_->id](ControlApis& apis) -> cc::CallResult<cc::Session> {
        return apis.capture.session(id);
      },
      [this](cc::CallResult<cc::Session> now) {
        syncing_ = false;
        // A transition answered meanwhile is newer than this.
        if (!now || busy_ || !session_ || now.value().id != session_->id) return;
        if (now.value().state != session_->state) on_changed_(now.value());
        show(now.value());
      });
}

}  // namespace postern::gui
