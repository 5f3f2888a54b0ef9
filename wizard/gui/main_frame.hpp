#pragma once
// The main window: what is installed, and the actions kept apart from the wizard: Set up,
// Diagnose again, Reset, Set encryption key, Export CA, and the capture window.

#include <wx/button.h>
#include <wx/frame.h>
#include <wx/stattext.h>
#include <wx/weakref.h>

#include "wizard/gui/postern_wizard.hpp"

#include "wizard/gui/wizard_context.hpp"

namespace postern::gui {

class CaptureWindow;

/// The application's window.
class MainFrame final : public wxFrame {
 public:
  explicit MainFrame(WizardContext& context);

  /// Opens the setup wizard (modeless), or raises the one already open.
  PosternWizard* open_wizard();
  /// Opens the capture window for this user's runtime, or raises the one already open.
  CaptureWindow* open_capture();
  /// Re-reads what is installed (on the worker) and updates the status line.
  void refresh();
  /// The status line, for tests.
  wxString status() const { return status_->GetLabel(); }
  /// True while no survey is running.
  bool ready() const { return !refreshing_; }

 private:
  void add_action(wxSizer* sizer, const wxString& label, const wxString& help,
                  std::function<void()> action);

  WizardContext& context_;
  wxStaticText* status_;
  wxWeakRef<PosternWizard> wizard_;  ///< the open wizard, if any
  bool refreshing_ = false;
};

}  // namespace postern::gui
