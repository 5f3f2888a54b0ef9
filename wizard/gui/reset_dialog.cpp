#include "wizard/gui/reset_dialog.hpp"

#include <wx/sizer.h>

#include "wizard/gui/detect_page.hpp"
#include "wizard/gui/install_page.hpp"
#include "wizard/gui/page.hpp"
#include "wizard/gui/strings.hpp"

namespace postern::gui {

ResetDialog::ResetDialog(wxWindow* parent, WizardContext& context)
    : wxDialog(parent, wxID_ANY, text::reset_title(), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      context_(context) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(make_heading(this, text::reset_heading()), 0, wxALL, FromDIP(10));
  summary_ = new wxStaticText(this, wxID_ANY, text::reset_listing());
  sizer->Add(summary_, 0, wxLEFT | wxRIGHT | wxEXPAND, FromDIP(10));
  items_ = make_report_list(
      this, {text::col_state(), text::col_item(), text::col_target(), text::col_remedy()}, 10);
  items_->SetColumnWidth(1, FromDIP(220));
  items_->SetColumnWidth(2, FromDIP(300));
  sizer->Add(items_, 1, wxALL | wxEXPAND, FromDIP(10));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  remove_ = new wxButton(this, wxID_ANY, text::reset_remove());
  buttons->Add(remove_, 0, wxRIGHT, FromDIP(8));
  buttons->Add(new wxButton(this, wxID_CANCEL, text::close()), 0);
  sizer->Add(buttons, 0, wxALL | wxALIGN_RIGHT, FromDIP(10));
  SetSizerAndFit(sizer);
  SetEscapeId(wxID_CANCEL);
  remove_->Disable();
  remove_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { remove(); });
  preview();
}

void ResetDialog::preview() {
  auto& engine = context_.engine;
  if (!context_.worker.start<std::vector<base::Outcome>>(
          this, [&engine] { return engine.reset({.dry_run = true}); },
          [this](std::vector<base::Outcome> outcomes) {
            running_ = false;
            show(outcomes, false);
          }))
    return;
  running_ = true;
  listed_ = false;
}

void ResetDialog::remove() {
  if (running_ || !context_.confirm(text::reset_confirm(to_remove_))) return;
  auto& engine = context_.engine;
  if (!context_.worker.start<std::vector<base::Outcome>>(
          this, [&engine] { return engine.reset({}); },
          [this](std::vector<base::Outcome> outcomes) {
            running_ = false;
            removed_ = true;
            show(outcomes, true);
          }))
    return;
  running_ = true;
  remove_->Disable();
  summary_->SetLabel(text::reset_running());
}

void ResetDialog::show(const std::vector<base::Outcome>& outcomes, bool results) {
  items_->DeleteAllItems();
  std::size_t failed = 0;
  for (const auto& outcome : outcomes) {
    // In the preview every entry is "skipped: would remove ..."; show what and where.
    const wxString state = results ? status_word(outcome.status) : text::reset_will_remove();
    const long row = append_row(
        items_, {state, wxString::FromUTF8(outcome.cause), wxString::FromUTF8(outcome.target),
                 outcome.ok() ? wxString() : wxString::FromUTF8(outcome.remedy)});
    if (results) items_->SetItemTextColour(row, status_colour(outcome.status));
    if (!outcome.ok()) ++failed;
  }
  to_remove_ = outcomes.size();
  listed_ = true;
  if (!results) {
    summary_->SetLabel(outcomes.empty() ? text::reset_nothing()
                                        : text::reset_preview(outcomes.size()));
    remove_->Enable(!outcomes.empty());
  } else {
    summary_->SetLabel(failed == 0 ? text::reset_done() : text::reset_failed(failed));
    summary_->SetForegroundColour(
        status_colour(failed == 0 ? base::Status::done : base::Status::failed));
    remove_->Enable(failed > 0);  // a retry after the manual steps
  }
  Layout();
}

}  // namespace postern::gui
