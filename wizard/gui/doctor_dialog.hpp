#pragma once
// Diagnose again, from the main window: the doctor's panel in a window of its own.

#include <wx/dialog.h>

#include "wizard/gui/doctor_panel.hpp"

namespace postern::gui {

/// The Diagnose window; runs the doctor when opened.
class DoctorDialog final : public wxDialog {
 public:
  DoctorDialog(wxWindow* parent, WizardContext& context);
  /// The panel, for tests.
  DoctorPanel* panel() const { return panel_; }

 private:
  DoctorPanel* panel_;
};

}  // namespace postern::gui
