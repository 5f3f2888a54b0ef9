#include "wizard/gui/main_frame.hpp"

#include <wx/panel.h>
#include <wx/sizer.h>

#include "wizard/gui/capture/capture_strings.hpp"
#include "wizard/gui/capture/capture_window.hpp"
#include "wizard/gui/doctor_dialog.hpp"
#include "wizard/gui/export_ca.hpp"
#include "wizard/gui/key_dialog.hpp"
#include "wizard/gui/page.hpp"
#include "wizard/gui/postern_wizard.hpp"
#include "wizard/gui/reset_dialog.hpp"
#include "wizard/gui/strings.hpp"

namespace postern::gui {

MainFrame::MainFrame(WizardContext& context)
    : wxFrame(nullptr, wxID_ANY, text::app_title()), context_(context) {
  auto* panel = new wxPanel(this);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(make_heading(panel, text::app_title()), 0, wxALL, FromDIP(12));
  status_ = new wxStaticText(panel, wxID_ANY, text::main_checking());
  sizer->Add(status_, 0, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, FromDIP(12));
  auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(12));
  add_action(grid, text::action_setup(), text::action_setup_help(), [this] { open_wizard(); });
  add_action(grid, text::action_diagnose(), text::action_diagnose_help(), [this] {
    DoctorDialog(this, context_).ShowModal();
    refresh();
  });
  add_action(grid, text::action_reset(), text::action_reset_help(), [this] {
    ResetDialog(this, context_).ShowModal();
    refresh();
  });
  add_action(grid, text::action_set_key(), text::action_set_key_help(),
             [this] { KeyDialog(this, context_).ShowModal(); });
  add_action(grid, text::action_export_ca(), text::action_export_ca_help(),
             [this] { export_ca_interactively(this, context_); });
  add_action(grid, text::capture_open(), text::capture_open_help(), [this] { open_capture(); });
  sizer->Add(grid, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12));
  panel->SetSizer(sizer);
  sizer->SetSizeHints(this);
  // A modeless wizard sends its finish and cancel events on to this window, then destroys itself.
  Bind(wxEVT_WIZARD_FINISHED, [this](wxWizardEvent&) { refresh(); });
  Bind(wxEVT_WIZARD_CANCEL, [this](wxWizardEvent& event) {
    if (event.IsAllowed()) refresh();
  });
  refresh();
}

void MainFrame::add_action(wxSizer* sizer, const wxString& label, const wxString& help,
                           std::function<void()> action) {
  auto* parent = status_->GetParent();
  auto* button = new wxButton(parent, wxID_ANY, label);
  button->Bind(wxEVT_BUTTON, [action = std::move(action)](wxCommandEvent&) { action(); });
  sizer->Add(button, 0, wxEXPAND);
  sizer->Add(new wxStaticText(parent, wxID_ANY, help), 0, wxALIGN_CENTER_VERTICAL);
}

PosternWizard* MainFrame::open_wizard() {
  if (wizard_) {
    wizard_->Raise();
    return wizard_.get();
  }
  auto* wizard = new PosternWizard(this, context_);
  wizard_ = wizard;
  wizard->ShowPage(wizard->first_page());
  wizard->Show();
  return wizard;
}

CaptureWindow* MainFrame::open_capture() {
  return CaptureWindow::open(this, context_.engine.paths().runtime);
}

void MainFrame::refresh() {
  auto& engine = context_.engine;
  if (!context_.worker.start<setup::Survey>(
          this, [&engine] { return engine.survey(); },
          [this](setup::Survey survey) {
            refreshing_ = false;
            const auto& install = survey.install;
            status_->SetLabel(install.empty()
                                  ? text::main_not_installed()
                                  : text::install_found(install.ledger_entries,
                                                        install.bridge_installed, install.ca_exists,
                                                        install.runtime_running));
            status_->Wrap(FromDIP(520));
            GetChildren().front()->Layout();
          }))
    return;
  refreshing_ = true;
}

}  // namespace postern::gui
