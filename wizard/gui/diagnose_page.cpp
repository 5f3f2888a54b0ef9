#include "wizard/gui/diagnose_page.hpp"

#include "wizard/gui/strings.hpp"

namespace postern::gui {

DiagnosePage::DiagnosePage(wxWizard* parent, WizardContext& context, WizardState& state)
    : Page(parent, context, state, "diagnose", text::diagnose_heading()) {
  body_->Add(make_paragraph(this, text::diagnose_intro()), 0, wxBOTTOM, FromDIP(6));
  panel_ = new DoctorPanel(this, context);
  body_->Add(panel_, 1, wxEXPAND);
}

void DiagnosePage::on_shown() {
  if (!panel_->report()) panel_->diagnose();
}

bool DiagnosePage::TransferDataFromWindow() {
  // Problems are not a reason to stop here: the Finish page says how to use what works.
  if (!panel_->ready()) return veto(text::diagnose_wait());
  return true;
}

}  // namespace postern::gui
