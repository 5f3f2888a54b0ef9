#pragma once
// Page 2: the browsers found (snap and Flatpak installs and policy blocks included), the trust
// stores found (and missing tools, with the package to install), and an earlier install.

#include <wx/listctrl.h>

#include "wizard/gui/page.hpp"

namespace postern::gui {

/// Runs the engine's survey on the worker and lists what it found.
class DetectPage final : public Page {
 public:
  DetectPage(wxWizard* parent, WizardContext& context, WizardState& state);

  void on_shown() override;
  bool ready() const override { return state_.survey.has_value() && !running_; }
  bool TransferDataFromWindow() override;

  /// The lists, for tests.
  wxListCtrl* browsers() const { return browsers_; }
  wxListCtrl* stores() const { return stores_; }

 private:
  void start_survey();
  void show(const setup::Survey& survey);

  wxStaticText* status_;
  wxListCtrl* browsers_;
  wxListCtrl* stores_;
  wxStaticText* install_;
  bool running_ = false;
};

/// A report-mode list with these column titles, sized to its content.
wxListCtrl* make_report_list(wxWindow* parent, const std::vector<wxString>& columns, int rows);
/// Appends a row of texts to a report list; returns its index.
long append_row(wxListCtrl* list, const std::vector<wxString>& cells);

}  // namespace postern::gui
