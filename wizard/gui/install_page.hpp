#pragma once
// Page 4: runs setup on the worker with a progress bar and a live log fed by the engine's
// progress observer. Cancel (asked for by the wizard) stops before the next step; what was done
// stays recorded, so setup again or reset completes it.

#include <wx/gauge.h>
#include <wx/listctrl.h>

#include "base/progress.hpp"
#include "wizard/gui/page.hpp"

namespace postern::gui {

/// The install run.
class InstallPage final : public Page {
 public:
  InstallPage(wxWizard* parent, WizardContext& context, WizardState& state);
  ~InstallPage() override;

  void on_shown() override;
  bool ready() const override { return state_.installed; }
  bool TransferDataFromWindow() override;
  /// No way back once the install started: its choices are on the machine now.
  wxWizardPage* GetPrev() const override;

  /// True while the engine runs.
  bool running() const { return running_; }
  /// Asks the engine to stop before its next step.
  void cancel();
  /// Runs once the install ends (the wizard closes itself after a confirmed Cancel).
  void on_finished(std::function<void()> callback) { finished_callback_ = std::move(callback); }

  /// The widgets, for tests.
  wxGauge* gauge() const { return gauge_; }
  wxListCtrl* log() const { return log_; }
  wxString summary() const { return summary_->GetLabel(); }

 private:
  void start();
  void on_progress(const ProgressEvent& event);
  void finish(std::vector<base::Outcome> outcomes);

  wxGauge* gauge_;
  wxListCtrl* log_;
  wxStaticText* summary_;
  std::shared_ptr<base::CancellationToken> cancel_ = std::make_shared<base::CancellationToken>();
  bool started_ = false;
  bool running_ = false;
  std::vector<long> open_rows_;  ///< the log row of each step still running, innermost last
  std::function<void()> finished_callback_;
};

/// The word a log or result row shows for a status ("Done", "Already there", ...).
wxString status_word(base::Status status);
/// The colour a row gets for a status (green ok, grey skipped, red failed).
wxColour status_colour(base::Status status);

}  // namespace postern::gui
