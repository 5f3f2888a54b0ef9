#include "wizard/gui/doctor_panel.hpp"

#include <wx/sizer.h>

#include <algorithm>

#include "wizard/gui/detect_page.hpp"
#include "wizard/gui/install_page.hpp"
#include "wizard/gui/page.hpp"
#include "wizard/gui/strings.hpp"
#include "wizard/setup/doctor_fix.hpp"

namespace postern::gui {

wxColour verdict_colour(setup::Verdict verdict) {
  switch (verdict) {
    case setup::Verdict::connected:
      return wxColour(0, 128, 0);
    case setup::Verdict::not_connected:
      return wxColour(176, 96, 0);
    case setup::Verdict::dependencies_missing:
      return wxColour(190, 0, 0);
  }
  return *wxBLACK;
}

wxString verdict_text(setup::Verdict verdict) {
  switch (verdict) {
    case setup::Verdict::connected:
      return text::verdict_connected();
    case setup::Verdict::not_connected:
      return text::verdict_not_connected();
    case setup::Verdict::dependencies_missing:
      return text::verdict_dependencies();
  }
  return wxString();
}

DoctorPanel::DoctorPanel(wxWindow* parent, WizardContext& context)
    : wxPanel(parent), context_(context) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  verdict_ = make_heading(this, text::doctor_running());
  sizer->Add(verdict_, 0, wxBOTTOM, FromDIP(6));
  rows_ = make_report_list(this,
                           {text::col_state(), text::col_check(), text::col_code(),
                            text::col_target(), text::col_cause(), text::col_remedy()},
                           8);
  rows_->SetColumnWidth(0, FromDIP(90));
  rows_->SetColumnWidth(1, FromDIP(80));
  rows_->SetColumnWidth(2, FromDIP(170));
  sizer->Add(rows_, 1, wxEXPAND | wxBOTTOM, FromDIP(6));
  details_ = new wxStaticText(this, wxID_ANY, text::doctor_select_row());
  sizer->Add(details_, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  fix_ = new wxButton(this, wxID_ANY, text::doctor_fix());
  fix_->SetToolTip(text::doctor_fix_tip());
  again_ = new wxButton(this, wxID_ANY, text::doctor_again());
  buttons->Add(fix_, 0, wxRIGHT, FromDIP(8));
  buttons->Add(again_, 0);
  sizer->Add(buttons, 0);
  SetSizer(sizer);
  fix_->Disable();
  fix_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { fix(); });
  again_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { diagnose(); });
  rows_->Bind(wxEVT_LIST_ITEM_SELECTED,
              [this](wxListEvent& event) { show_details(event.GetIndex()); });
}

void DoctorPanel::set_running(bool running, const wxString& what) {
  running_ = running;
  fix_->Enable(!running && std::find(fixable_.begin(), fixable_.end(), true) != fixable_.end());
  again_->Enable(!running);
  if (running) {
    verdict_->SetLabel(what);
    verdict_->SetForegroundColour(GetForegroundColour());
  }
}

void DoctorPanel::diagnose() {
  auto& engine = context_.engine;
  if (context_.worker.start<Result>(
          this,
          [&engine] {
            auto report = engine.diagnose();
            auto fixable = engine.fixable_rows(report);
            return Result{std::move(report), std::move(fixable)};
          },
          [this](Result result) { show(std::move(result)); }))
    set_running(true, text::doctor_running());
}

void DoctorPanel::fix() {
  auto& engine = context_.engine;
  // The fixes, then a fresh report, in one job: the rows show what the fix left.
  if (context_.worker.start<Result>(
          this,
          [&engine] {
            engine.fix();
            auto report = engine.diagnose();
            auto fixable = engine.fixable_rows(report);
            return Result{std::move(report), std::move(fixable)};
          },
          [this](Result result) { show(std::move(result)); }))
    set_running(true, text::doctor_fixing());
}

wxString check_word(base::Status status) {
  switch (status) {
    case base::Status::done:
    case base::Status::already:
      return text::check_ok();
    case base::Status::failed:
      return text::check_problem();
    case base::Status::skipped:
      return text::check_not_applicable();
  }
  return wxString();
}

void DoctorPanel::show(Result result) {
  auto& report = result.report;
  fixable_ = std::move(result.fixable);
  rows_->DeleteAllItems();
  for (std::size_t i = 0; i < report.checks.size(); ++i) {
    const auto& check = report.checks[i];
    wxString state = check_word(check.status);
    if (i < fixable_.size() && fixable_[i]) state += " " + text::doctor_fixable_mark();
    const long row =
        append_row(rows_, {state, wxString::FromUTF8(check.step), wxString::FromUTF8(check.code),
                           wxString::FromUTF8(check.target), wxString::FromUTF8(check.cause),
                           wxString::FromUTF8(check.remedy)});
    rows_->SetItemTextColour(row, status_colour(check.status));
  }
  verdict_->SetLabel(verdict_text(report.verdict));
  verdict_->SetForegroundColour(verdict_colour(report.verdict));
  report_ = std::move(report);
  details_->SetLabel(text::doctor_select_row());
  set_running(false, wxString());
  Layout();
}

void DoctorPanel::show_details(long row) {
  if (!report_ || row < 0 || static_cast<std::size_t>(row) >= report_->checks.size()) return;
  const auto& check = report_->checks[static_cast<std::size_t>(row)];
  details_->SetLabel(text::doctor_details(check.code, check.target, check.cause, check.remedy));
  details_->Wrap(FromDIP(640));
  Layout();
}

}  // namespace postern::gui
