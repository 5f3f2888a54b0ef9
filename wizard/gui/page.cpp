#include "wizard/gui/page.hpp"

#include <wx/button.h>
#include <wx/settings.h>

namespace postern::gui {

Page::Page(wxWizard* parent, WizardContext& context, WizardState& state, std::string name,
           const wxString& heading)
    : wxWizardPageSimple(parent), context_(context), state_(state), name_(std::move(name)) {
  auto* outer = new wxBoxSizer(wxVERTICAL);
  outer->Add(make_heading(this, heading), 0, wxBOTTOM, FromDIP(8));
  body_ = new wxBoxSizer(wxVERTICAL);
  outer->Add(body_, 1, wxEXPAND);
  error_ = new wxStaticText(this, wxID_ANY, wxString());
  error_->SetForegroundColour(*wxRED);
  outer->Add(error_, 0, wxTOP | wxEXPAND, FromDIP(6));
  SetSizer(outer);
}

bool Page::veto(const wxString& why) {
  error_->SetLabel(why);
  error_->Wrap(FromDIP(560));
  Layout();
  return false;
}

void Page::clear_veto() {
  if (error_->GetLabel().empty()) return;
  error_->SetLabel(wxString());
  Layout();
}

void Page::allow_next(bool allowed) {
  if (auto* next = GetParent()->FindWindow(wxID_FORWARD)) next->Enable(allowed);
}

wxStaticText* make_heading(wxWindow* parent, const wxString& text) {
  auto* heading = new wxStaticText(parent, wxID_ANY, text);
  wxFont font = heading->GetFont();
  font.SetPointSize(font.GetPointSize() + 3);
  font.MakeBold();
  heading->SetFont(font);
  return heading;
}

wxStaticText* make_paragraph(wxWindow* parent, const wxString& text, int width) {
  auto* paragraph = new wxStaticText(parent, wxID_ANY, text);
  paragraph->Wrap(parent->FromDIP(width));
  return paragraph;
}

}  // namespace postern::gui
