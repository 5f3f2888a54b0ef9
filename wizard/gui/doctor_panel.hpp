#pragma once
// The doctor's rows as a panel, shared by the wizard's Diagnose page and the main window's
// Diagnose action: the verdict in colour, one row per check (status, code, target, cause,
// remedy), the selected row's full text, and Fix when the engine can repair a row.

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include "wizard/gui/wizard_context.hpp"

namespace postern::gui {

/// Runs the doctor (and its fixes) on the worker and shows the report.
class DoctorPanel final : public wxPanel {
 public:
  DoctorPanel(wxWindow* parent, WizardContext& context);

  /// Runs the doctor again.
  void diagnose();
  /// Applies the engine's fixes, then diagnoses again.
  void fix();
  /// True once a report is shown and nothing runs.
  bool ready() const { return report_.has_value() && !running_; }
  /// The last report, for tests.
  const std::optional<setup::DoctorReport>& report() const { return report_; }
  /// Per row of the report: can Fix repair it?
  const std::vector<bool>& fixable() const { return fixable_; }

  /// The widgets, for tests.
  wxListCtrl* rows() const { return rows_; }
  wxButton* fix_button() const { return fix_; }
  wxStaticText* verdict() const { return verdict_; }

 private:
  struct Result {
    setup::DoctorReport report;
    std::vector<bool> fixable;
  };
  void show(Result result);
  void show_details(long row);
  void set_running(bool running, const wxString& what);

  WizardContext& context_;
  wxStaticText* verdict_;
  wxListCtrl* rows_;
  wxStaticText* details_;
  wxButton* fix_;
  wxButton* again_;
  std::optional<setup::DoctorReport> report_;
  std::vector<bool> fixable_;
  bool running_ = false;
};

/// The verdict's colour: green Connected, amber Not connected, red Dependencies not installed.
wxColour verdict_colour(setup::Verdict verdict);
/// The verdict in the user's language.
wxString verdict_text(setup::Verdict verdict);
/// A doctor row's status: OK, Problem, n/a.
wxString check_word(base::Status status);

}  // namespace postern::gui
