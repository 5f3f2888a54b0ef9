#pragma once
// Reset: first exactly what will be removed (the engine's dry run over the ledger), then, after
// the user confirms, each item's result, with the manual step for anything that could not go.

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>

#include "wizard/gui/wizard_context.hpp"

namespace postern::gui {

/// The Reset window.
class ResetDialog final : public wxDialog {
 public:
  ResetDialog(wxWindow* parent, WizardContext& context);

  /// Lists what would be removed (runs on open).
  void preview();
  /// Asks for confirmation, then removes everything listed.
  void remove();
  /// True when nothing runs and the list is current.
  bool ready() const { return !running_ && listed_; }
  /// True once the removal ran.
  bool removed() const { return removed_; }
  /// The widgets, for tests.
  wxListCtrl* items() const { return items_; }
  wxButton* remove_button() const { return remove_; }
  wxString summary() const { return summary_->GetLabel(); }

 private:
  void show(const std::vector<base::Outcome>& outcomes, bool results);

  WizardContext& context_;
  wxStaticText* summary_;
  wxListCtrl* items_;
  wxButton* remove_;
  std::size_t to_remove_ = 0;
  bool running_ = false;
  bool listed_ = false;
  bool removed_ = false;
};

}  // namespace postern::gui
