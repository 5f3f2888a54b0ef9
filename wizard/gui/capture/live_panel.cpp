#include "wizard/gui/capture/live_panel.hpp"

#include <wx/sizer.h>

#include "wizard/gui/capture/capture_strings.hpp"
#include "wizard/gui/page.hpp"

namespace postern::gui {

namespace cc = control_client;

LivePanel::LivePanel(wxWindow* parent, CaptureService& service, SessionBar::Changed on_changed,
                     std::function<void()> on_new_capture)
    : wxPanel(parent) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  name_ = make_heading(this, wxString());
  sizer->Add(name_, 0, wxALL, FromDIP(8));
  tabs_ = new wxNotebook(this, wxID_ANY);
  requests_ = new RequestsPanel(tabs_, service);
  cookies_ = new CookiesPanel(tabs_, service);
  tabs_->AddPage(requests_, text::tab_requests());
  tabs_->AddPage(cookies_, text::tab_cookies());
  sizer->Add(tabs_, 1, wxLEFT | wxRIGHT | wxEXPAND, FromDIP(8));
  bar_ = new SessionBar(this, service, std::move(on_changed), std::move(on_new_capture));
  sizer->Add(bar_, 0, wxALL | wxEXPAND, FromDIP(8));
  SetSizer(sizer);
}

std::optional<std::int64_t> LivePanel::session_id() const {
  if (!bar_->session()) return std::nullopt;
  return bar_->session()->id;
}

void LivePanel::attach(const cc::Session& session) {
  update(session);
  requests_->show_session(session.id);
  cookies_->show_session(session.id);
}

void LivePanel::update(const cc::Session& session) {
  name_->SetLabel(wxString::FromUTF8(session.name));
  bar_->show(session);
  Layout();
}

void LivePanel::add_exchange(const cc::ExchangeSummary& exchange) {
  if (!session_id() || exchange.session_id != session_id()) return;
  requests_->add_live(exchange);
  bar_->add_exchange(exchange);
  if (bar_->session()->options.capture_cookies) cookies_->reload_soon();
}

void LivePanel::reload() {
  requests_->reload();
  cookies_->reload();
}

}  // namespace postern::gui
