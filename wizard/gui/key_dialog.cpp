#include "wizard/gui/key_dialog.hpp"

#include <wx/sizer.h>

#include "wizard/gui/install_page.hpp"
#include "wizard/gui/page.hpp"
#include "wizard/gui/strings.hpp"
#include "wizard/setup/key_step.hpp"

namespace postern::gui {

KeyDialog::KeyDialog(wxWindow* parent, WizardContext& context)
    : wxDialog(parent, wxID_ANY, text::key_title()), context_(context) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(make_heading(this, text::key_title()), 0, wxALL, FromDIP(10));
  sizer->Add(make_paragraph(this, text::key_intro(), 460), 0, wxLEFT | wxRIGHT, FromDIP(10));
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  row->Add(new wxStaticText(this, wxID_ANY, text::key_label()), 0,
           wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  key_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(300, -1)));
  row->Add(key_, 1);
  sizer->Add(row, 0, wxALL | wxEXPAND, FromDIP(10));
  hint_ = new wxStaticText(this, wxID_ANY, text::key_rule());
  sizer->Add(hint_, 0, wxLEFT | wxRIGHT | wxEXPAND, FromDIP(10));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  save_ = new wxButton(this, wxID_OK, text::key_save());
  buttons->Add(save_, 0, wxRIGHT, FromDIP(8));
  buttons->Add(new wxButton(this, wxID_CANCEL, text::close()), 0);
  sizer->Add(buttons, 0, wxALL | wxALIGN_RIGHT, FromDIP(10));
  SetSizerAndFit(sizer);
  save_->Disable();
  key_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { on_edited(); });
  save_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });  // not EndModal: it runs first
}

void KeyDialog::on_edited() {
  auto problem = setup::custom_key_problem(key_->GetValue().ToStdString());
  hint_->SetLabel(problem ? wxString::FromUTF8(*problem) : text::key_ok());
  hint_->SetForegroundColour(problem ? *wxRED : wxColour(0, 128, 0));
  save_->Enable(!problem);
  Layout();
}

void KeyDialog::save() {
  const std::string key = key_->GetValue().ToStdString();
  if (auto problem = setup::custom_key_problem(key)) {
    hint_->SetLabel(wxString::FromUTF8(*problem));
    return;
  }
  auto& engine = context_.engine;
  if (!context_.worker.start<base::Outcome>(
          this, [&engine, key] { return engine.set_key(key); },
          [this](base::Outcome outcome) {
            hint_->SetLabel(wxString::FromUTF8(outcome.ok() ? outcome.remedy : outcome.cause));
            hint_->SetForegroundColour(status_colour(outcome.status));
            hint_->Wrap(FromDIP(460));
            outcome_ = std::move(outcome);
            save_->Enable(true);
            Fit();
          }))
    return;
  save_->Disable();
  hint_->SetLabel(text::key_saving());
}

}  // namespace postern::gui
