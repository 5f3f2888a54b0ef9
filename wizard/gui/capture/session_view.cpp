#include "wizard/gui/capture/session_view.hpp"

#include <wx/sizer.h>

#include "wizard/gui/capture/capture_format.hpp"
#include "wizard/gui/capture/capture_strings.hpp"

namespace postern::gui {

namespace cc = control_client;

SessionView::SessionView(wxWindow* parent, CaptureService& service) : wxPanel(parent) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  name_ = new wxStaticText(this, wxID_ANY, text::history_none_open());
  wxFont bold = name_->GetFont();
  bold.MakeBold();
  bold.SetPointSize(bold.GetPointSize() + 1);
  name_->SetFont(bold);
  facts_ = new wxStaticText(this, wxID_ANY, wxString());
  sizer->Add(name_, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(8));
  sizer->Add(facts_, 0, wxALL, FromDIP(8));
  tabs_ = new wxNotebook(this, wxID_ANY);
  overview_ = new OverviewPanel(tabs_, service);
  requests_ = new RequestsPanel(tabs_, service);
  cookies_ = new CookiesPanel(tabs_, service);
  tabs_->AddPage(overview_, text::tab_overview());
  tabs_->AddPage(requests_, text::tab_requests());
  tabs_->AddPage(cookies_, text::tab_cookies());
  sizer->Add(tabs_, 1, wxEXPAND);
  SetSizer(sizer);
}

void SessionView::show(const std::optional<cc::Session>& session) {
  session_ = session;
  std::optional<std::int64_t> id;
  if (session) {
    id = session->id;
    show_header(*session);
  } else {
    name_->SetLabel(text::history_none_open());
    facts_->SetLabel(wxString());
  }
  overview_->show_session(id);
  requests_->show_session(id);
  cookies_->show_session(id);
  Layout();
}

void SessionView::show_header(const cc::Session& session) {
  if (session_ && session_->id == session.id) session_ = session;
  name_->SetLabel(wxString::FromUTF8(session.name));
  facts_->SetLabel(session_facts(session));
  Layout();
}

bool SessionView::loading() const {
  return overview_->loading() || requests_->loading() || cookies_->loading();
}

}  // namespace postern::gui
