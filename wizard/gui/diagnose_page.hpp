#pragma once
// Page 5: the doctor's rows right after the install, with Fix where the engine can repair.

#include "wizard/gui/doctor_panel.hpp"
#include "wizard/gui/page.hpp"

namespace postern::gui {

/// The doctor inside the wizard.
class DiagnosePage final : public Page {
 public:
  DiagnosePage(wxWizard* parent, WizardContext& context, WizardState& state);

  void on_shown() override;
  bool ready() const override { return panel_->ready(); }
  bool TransferDataFromWindow() override;
  /// The panel, for tests.
  DoctorPanel* panel() const { return panel_; }

 private:
  DoctorPanel* panel_;
};

}  // namespace postern::gui
