#pragma once
// What every wizard page has beyond wxWizardPageSimple: a stable name (window titles, tests,
// screenshots), a hook for when it is shown, whether its background work has finished, and the
// shared heading/error widgets so every page looks alike.

#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/wizard.h>

#include <string>

#include "wizard/gui/wizard_context.hpp"

namespace postern::gui {

/// One page of the setup wizard.
class Page : public wxWizardPageSimple {
 public:
  Page(wxWizard* parent, WizardContext& context, WizardState& state, std::string name,
       const wxString& heading);

  /// "welcome", "detect", ...: stable, not translated.
  const std::string& name() const { return name_; }
  /// Called each time the page is shown (starts background work the first time).
  virtual void on_shown() {}
  /// False while the page's background work runs; the tour waits for it before a screenshot.
  virtual bool ready() const { return true; }
  /// The text under the content that says why Next was refused (empty when it was not).
  wxString error_text() const { return error_->GetLabel(); }

 protected:
  /// Shows why the page vetoed Next, in red, and returns false for TransferDataFromWindow.
  bool veto(const wxString& why);
  /// Clears the veto text.
  void clear_veto();
  /// Enables or disables the wizard's Next/Finish button (while work runs).
  void allow_next(bool allowed);

  WizardContext& context_;
  WizardState& state_;
  wxBoxSizer* body_;  ///< pages add their widgets here, between heading and error text

 private:
  std::string name_;
  wxStaticText* error_;
};

/// A bold, larger heading for a page or dialog.
wxStaticText* make_heading(wxWindow* parent, const wxString& text);
/// A paragraph that wraps at `width` device-independent pixels.
wxStaticText* make_paragraph(wxWindow* parent, const wxString& text, int width = 560);

}  // namespace postern::gui
