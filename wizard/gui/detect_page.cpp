#include "wizard/gui/detect_page.hpp"

#include <wx/button.h>

#include "wizard/gui/strings.hpp"

namespace postern::gui {

namespace {

wxString utf8(const std::string& text) {
  return wxString::FromUTF8(text);
}

// One line about a browser's problems (sandboxed, blocked by policy), or "ready".
wxString browser_note(const registry::DetectedBrowser& browser) {
  if (browser.problems.empty()) return text::browser_ready();
  wxString note;
  for (const auto& problem : browser.problems)
    note += (note.empty() ? "" : "; ") + utf8(problem.code + ": " + problem.cause);
  return note;
}

wxString store_state(const setup::StoreStatus& store) {
  if (!store.probe.present) return text::store_absent();
  if (!store.probe.tool_found) return text::store_tool_missing(store.probe.tool);
  return text::store_found(store.probe.targets.size());
}

wxString store_note(const setup::StoreStatus& store) {
  if (store.probe.present && !store.probe.tool_found) return utf8(store.probe.install_hint);
  wxString note = utf8(store.probe.detail);
  for (const auto& problem : store.probe.problems)
    note += (note.empty() ? "" : "; ") + utf8(problem.cause);
  return note;
}

wxString install_summary(const setup::ExistingInstall& install) {
  if (install.ledger_problem) return text::install_ledger_broken(install.ledger_problem->message);
  if (install.empty()) return text::install_none();
  return text::install_found(install.ledger_entries, install.bridge_installed, install.ca_exists,
                             install.runtime_running);
}

}  // namespace

wxListCtrl* make_report_list(wxWindow* parent, const std::vector<wxString>& columns, int rows) {
  auto* list = new wxListCtrl(parent, wxID_ANY, wxDefaultPosition,
                              parent->FromDIP(wxSize(600, 28 + 22 * rows)),
                              wxLC_REPORT | wxLC_SINGLE_SEL | wxBORDER_THEME);
  for (std::size_t i = 0; i < columns.size(); ++i)
    list->AppendColumn(columns[i], wxLIST_FORMAT_LEFT, parent->FromDIP(i == 0 ? 150 : 140));
  return list;
}

long append_row(wxListCtrl* list, const std::vector<wxString>& cells) {
  const long row = list->InsertItem(list->GetItemCount(), cells.empty() ? wxString() : cells[0]);
  for (std::size_t i = 1; i < cells.size(); ++i)
    list->SetItem(row, static_cast<int>(i), cells[i]);
  return row;
}

DetectPage::DetectPage(wxWizard* parent, WizardContext& context, WizardState& state)
    : Page(parent, context, state, "detect", text::detect_heading()) {
  status_ = new wxStaticText(this, wxID_ANY, text::detect_running());
  body_->Add(status_, 0, wxBOTTOM, FromDIP(6));
  body_->Add(new wxStaticText(this, wxID_ANY, text::detect_browsers_label()));
  browsers_ = make_report_list(
      this, {text::col_browser(), text::col_packaging(), text::col_found_at(), text::col_note()},
      4);
  body_->Add(browsers_, 1, wxEXPAND | wxBOTTOM, FromDIP(8));
  body_->Add(new wxStaticText(this, wxID_ANY, text::detect_stores_label()));
  stores_ = make_report_list(this, {text::col_store(), text::col_state(), text::col_note()}, 3);
  body_->Add(stores_, 1, wxEXPAND | wxBOTTOM, FromDIP(8));
  install_ = new wxStaticText(this, wxID_ANY, wxString());
  body_->Add(install_, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
  auto* again = new wxButton(this, wxID_ANY, text::detect_again());
  body_->Add(again, 0);
  again->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start_survey(); });
}

void DetectPage::on_shown() {
  if (!state_.survey && !running_) start_survey();
  allow_next(ready());
}

void DetectPage::start_survey() {
  auto& engine = context_.engine;
  if (!context_.worker.start<setup::Survey>(
          this, [&engine] { return engine.survey(); },
          [this](setup::Survey survey) {
            running_ = false;
            state_.survey = std::move(survey);
            show(*state_.survey);
            allow_next(true);
          }))
    return;
  running_ = true;
  status_->SetLabel(text::detect_running());
  allow_next(false);
}

void DetectPage::show(const setup::Survey& survey) {
  browsers_->DeleteAllItems();
  for (const auto& browser : survey.browsers.browsers)
    append_row(browsers_,
               {utf8(browser.display), utf8(std::string(registry::to_string(browser.packaging))),
                utf8(browser.found_at.string()), browser_note(browser)});
  stores_->DeleteAllItems();
  for (const auto& store : survey.stores)
    append_row(stores_, {utf8(store.name), store_state(store), store_note(store)});
  install_->SetLabel(install_summary(survey.install));
  install_->Wrap(FromDIP(600));
  status_->SetLabel(
      survey.browsers.browsers.empty()
          ? utf8(survey.browsers.outcome.cause + " — " + survey.browsers.outcome.remedy)
          : text::detect_done(survey.browsers.browsers.size()));
  clear_veto();
  Layout();
}

bool DetectPage::TransferDataFromWindow() {
  if (!ready()) return veto(text::detect_wait());
  if (state_.survey->browsers.browsers.empty()) return veto(text::detect_no_browser());
  return true;
}

}  // namespace postern::gui
