#include "wizard/gui/install_page.hpp"

#include "wizard/gui/detect_page.hpp"
#include "wizard/gui/strings.hpp"

namespace postern::gui {

wxString status_word(base::Status status) {
  switch (status) {
    case base::Status::done:
      return text::status_done();
    case base::Status::already:
      return text::status_already();
    case base::Status::skipped:
      return text::status_skipped();
    case base::Status::failed:
      return text::status_failed();
  }
  return wxString();
}

wxColour status_colour(base::Status status) {
  switch (status) {
    case base::Status::done:
    case base::Status::already:
      return wxColour(0, 120, 0);
    case base::Status::skipped:
      return wxColour(110, 110, 110);
    case base::Status::failed:
      return wxColour(190, 0, 0);
  }
  return *wxBLACK;
}

InstallPage::InstallPage(wxWizard* parent, WizardContext& context, WizardState& state)
    : Page(parent, context, state, "install", text::install_heading()) {
  gauge_ = new wxGauge(this, wxID_ANY, 1, wxDefaultPosition, FromDIP(wxSize(-1, 20)),
                       wxGA_HORIZONTAL | wxGA_SMOOTH);
  body_->Add(gauge_, 0, wxEXPAND | wxBOTTOM, FromDIP(8));
  log_ = make_report_list(this, {text::col_state(), text::col_step(), text::col_target()}, 9);
  log_->SetColumnWidth(1, FromDIP(260));
  log_->SetColumnWidth(2, FromDIP(260));
  body_->Add(log_, 1, wxEXPAND | wxBOTTOM, FromDIP(6));
  summary_ = new wxStaticText(this, wxID_ANY, text::install_waiting());
  body_->Add(summary_, 0, wxEXPAND);
}

InstallPage::~InstallPage() {
  context_.relay.set_sink(nullptr);
}

wxWizardPage* InstallPage::GetPrev() const {
  return started_ ? nullptr : wxWizardPageSimple::GetPrev();
}

void InstallPage::on_shown() {
  if (!started_) start();
  allow_next(state_.installed);
}

void InstallPage::start() {
  if (!state_.survey) return;
  auto& engine = context_.engine;
  const auto choices = state_.choices;
  const auto browsers = state_.survey->browsers;
  // Building the plan only reads the choices and the browser table; it is cheap enough here.
  const auto built = engine.plan(choices, browsers);
  gauge_->SetRange(std::max<int>(1, static_cast<int>(built.plan.steps().size())));
  gauge_->SetValue(0);
  // Findings (a sandboxed browser, one policy blocks) never reach the observer: list them first.
  for (const auto& finding : built.findings) {
    const long row =
        append_row(log_, {status_word(finding.status), wxString::FromUTF8(finding.cause),
                          wxString::FromUTF8(finding.remedy)});
    log_->SetItemTextColour(row, status_colour(finding.status));
  }
  context_.relay.set_sink([this](const ProgressEvent& event) { on_progress(event); });
  auto cancel = cancel_;
  const bool started = context_.worker.start<std::vector<base::Outcome>>(
      this,
      [&engine, choices, browsers, cancel] { return engine.install(choices, browsers, *cancel); },
      [this](std::vector<base::Outcome> outcomes) { finish(std::move(outcomes)); });
  if (!started) return;
  started_ = running_ = true;
  summary_->SetLabel(text::install_running());
  allow_next(false);
  // Back disappears now that the install runs (GetPrev() changed).
  if (auto* back = GetParent()->FindWindow(wxID_BACKWARD)) back->Enable(false);
}

void InstallPage::on_progress(const ProgressEvent& event) {
  switch (event.kind) {
    case ProgressEvent::Kind::started: {
      // Nested steps (the CA step reports each store) are indented and do not move the bar.
      const wxString indent(' ', 4 * open_rows_.size());
      open_rows_.push_back(
          append_row(log_, {text::status_running(), indent + wxString::FromUTF8(event.what),
                            wxString::FromUTF8(event.target)}));
      log_->EnsureVisible(open_rows_.back());
      break;
    }
    case ProgressEvent::Kind::finished: {
      if (open_rows_.empty()) break;
      const long row = open_rows_.back();
      open_rows_.pop_back();
      const auto& outcome = event.outcome;
      log_->SetItem(row, 0, status_word(outcome.status));
      if (!outcome.target.empty()) log_->SetItem(row, 2, wxString::FromUTF8(outcome.target));
      log_->SetItemTextColour(row, status_colour(outcome.status));
      if (open_rows_.empty())
        gauge_->SetValue(std::min(gauge_->GetRange(), gauge_->GetValue() + 1));
      break;
    }
    case ProgressEvent::Kind::detail:
      log_->EnsureVisible(
          append_row(log_, {wxString(), "    " + wxString::FromUTF8(event.what), wxString()}));
      break;
  }
}

void InstallPage::finish(std::vector<base::Outcome> outcomes) {
  running_ = false;
  context_.relay.set_sink(nullptr);
  const bool ok = base::all_ok(outcomes);
  const bool cancelled = cancel_->cancelled();
  state_.install_outcomes = std::move(outcomes);
  state_.installed = true;
  if (ok && !cancelled) gauge_->SetValue(gauge_->GetRange());
  summary_->SetLabel(cancelled ? text::install_cancelled()
                     : ok      ? text::install_ok()
                               : text::install_failed());
  summary_->SetForegroundColour(ok && !cancelled ? status_colour(base::Status::done)
                                                 : status_colour(base::Status::failed));
  Layout();
  allow_next(!cancelled);
  if (finished_callback_) finished_callback_();
}

void InstallPage::cancel() {
  cancel_->cancel();
  summary_->SetLabel(text::install_cancelling());
}

bool InstallPage::TransferDataFromWindow() {
  if (running_) return veto(text::install_wait());
  return true;
}

}  // namespace postern::gui
