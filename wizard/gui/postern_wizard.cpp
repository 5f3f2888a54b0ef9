#include "wizard/gui/postern_wizard.hpp"

#include <wx/button.h>

#include "wizard/gui/choose_page.hpp"
#include "wizard/gui/detect_page.hpp"
#include "wizard/gui/diagnose_page.hpp"
#include "wizard/gui/finish_page.hpp"
#include "wizard/gui/install_page.hpp"
#include "wizard/gui/strings.hpp"
#include "wizard/gui/welcome_page.hpp"

namespace postern::gui {

PosternWizard::PosternWizard(wxWindow* parent, WizardContext& context)
    : wxWizard(parent, wxID_ANY, text::wizard_title()), context_(context) {
  auto& state = *state_;
  install_ = new InstallPage(this, context, state);
  pages_ = {new WelcomePage(this, context, state),  new DetectPage(this, context, state),
            new ChoosePage(this, context, state),   install_,
            new DiagnosePage(this, context, state), new FinishPage(this, context, state)};
  for (std::size_t i = 1; i < pages_.size(); ++i)
    wxWizardPageSimple::Chain(pages_[i - 1], pages_[i]);
  for (auto* page : pages_)
    GetPageAreaSizer()->Add(page);  // sizes the dialog to the largest page
  SetPageSize(FromDIP(wxSize(640, 420)));
  Bind(wxEVT_WIZARD_PAGE_SHOWN, &PosternWizard::on_page_shown, this);
  Bind(wxEVT_WIZARD_CANCEL, &PosternWizard::on_cancel, this);
  install_->on_finished([this] {
    if (!closing_) return;
    // The engine stopped: now Cancel closes (the handler sees nothing running).
    CallAfter([this] {
      if (auto* cancel = FindWindow(wxID_CANCEL)) cancel->Enable();
      press(wxID_CANCEL);
    });
  });
}

Page* PosternWizard::page(const std::string& name) const {
  for (auto* page : pages_)
    if (page->name() == name) return page;
  return nullptr;
}

std::string PosternWizard::current_name() const {
  auto* current = dynamic_cast<Page*>(GetCurrentPage());
  return current ? current->name() : std::string();
}

bool PosternWizard::press(wxWindowID id) {
  auto* button = dynamic_cast<wxButton*>(FindWindow(id));  // not wxDynamicCast (UBSan)
  if (!button || !button->IsEnabled()) return false;
  wxCommandEvent event(wxEVT_BUTTON, id);
  event.SetEventObject(button);
  button->ProcessWindowEvent(event);
  return true;
}

void PosternWizard::on_page_shown(wxWizardEvent& event) {
  event.Skip();
  auto* current = dynamic_cast<Page*>(GetCurrentPage());
  if (!current) return;
  // The page's name in the title: observable from outside (xdotool, screen readers, the tour).
  SetTitle(text::wizard_title() + " - " + wxString::FromUTF8(current->name()));
  // Back follows GetPrev() (none on Welcome, none once the install started): wxGTK 3.2 can leave
  // it enabled on the first page of a modeless wizard, where pressing it asserts.
  if (auto* back = FindWindow(wxID_BACKWARD)) back->Enable(current->GetPrev() != nullptr);
  current->on_shown();
}

void PosternWizard::on_cancel(wxWizardEvent& event) {
  if (!install_->running()) {
    event.Skip();  // nothing in flight: wxWizard closes (and, when modeless, destroys) itself
    return;
  }
  event.Veto();
  if (closing_ || !context_.confirm(text::cancel_confirm())) return;
  closing_ = true;
  install_->cancel();
  if (auto* cancel = FindWindow(wxID_CANCEL)) cancel->Disable();
}

}  // namespace postern::gui
