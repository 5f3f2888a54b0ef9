#pragma once
// The first-time setup wizard: the page graph, defined here and only here (practice 15). The
// constructor builds and chains the pages and sizes the dialog to the largest one. Cancel while
// the install runs asks first, then stops the engine before its next step and closes when it has.

#include <wx/wizard.h>

#include <memory>
#include <string>
#include <vector>

#include "wizard/gui/page.hpp"
#include "wizard/gui/wizard_context.hpp"

namespace postern::gui {

class InstallPage;

/// Welcome → Detect → Choose → Install → Diagnose → Finish.
class PosternWizard final : public wxWizard {
 public:
  PosternWizard(wxWindow* parent, WizardContext& context);

  /// The first page, for RunWizard() or ShowPage().
  Page* first_page() const { return pages_.front(); }
  /// The page called `name`, or nullptr.
  Page* page(const std::string& name) const;
  /// The current page's name ("" before the wizard starts).
  std::string current_name() const;
  /// What the pages decided and found.
  const WizardState& state() const { return *state_; }

  /// Presses one of the wizard's buttons (wxID_FORWARD, wxID_BACKWARD, wxID_CANCEL) exactly as
  /// a click does: a button event whose object is the real button. False when it is disabled.
  bool press(wxWindowID id);

 private:
  void on_page_shown(wxWizardEvent& event);
  void on_cancel(wxWizardEvent& event);

  WizardContext& context_;
  std::unique_ptr<WizardState> state_ = std::make_unique<WizardState>();
  std::vector<Page*> pages_;
  InstallPage* install_ = nullptr;
  bool closing_ = false;  ///< Cancel was confirmed; close once the engine stopped
};

}  // namespace postern::gui
