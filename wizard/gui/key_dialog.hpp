#pragma once
// Set encryption key: the user's own key (10+ letters and digits) for the bridge, checked as it
// is typed, stored by the engine on the worker. The same key goes into the extension's lock icon.

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "wizard/gui/wizard_context.hpp"

namespace postern::gui {

/// The Set-encryption-key window.
class KeyDialog final : public wxDialog {
 public:
  KeyDialog(wxWindow* parent, WizardContext& context);

  /// Stores the typed key when it follows the rule; shows why not otherwise.
  void save();
  /// The last engine outcome (set once a save finished).
  const std::optional<base::Outcome>& outcome() const { return outcome_; }
  /// The widgets, for tests.
  wxTextCtrl* key() const { return key_; }
  wxButton* save_button() const { return save_; }
  wxString hint() const { return hint_->GetLabel(); }

 private:
  void on_edited();

  WizardContext& context_;
  wxTextCtrl* key_;
  wxStaticText* hint_;
  wxButton* save_;
  std::optional<base::Outcome> outcome_;
};

}  // namespace postern::gui
