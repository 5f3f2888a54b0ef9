#pragma once
// Page 3: browsers to register, trust stores for the CA, the proxy port, LAN capture, and the
// encryption key (generated, or the user's own of 10+ letters and digits). It validates its own
// input and refuses Next with the reason shown under the form.

#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/radiobut.h>
#include <wx/textctrl.h>

#include "wizard/gui/page.hpp"

namespace postern::gui {

/// The choices form; fills WizardState::choices on Next.
class ChoosePage final : public Page {
 public:
  ChoosePage(wxWizard* parent, WizardContext& context, WizardState& state);

  void on_shown() override;
  bool TransferDataFromWindow() override;

  /// The widgets, for tests.
  wxCheckListBox* browsers() const { return browsers_; }
  wxCheckListBox* stores() const { return stores_; }
  wxTextCtrl* port() const { return port_; }
  wxCheckBox* lan() const { return lan_; }
  wxRadioButton* custom_key() const { return custom_key_; }
  wxTextCtrl* key() const { return key_; }
  /// The live hint under the key field (the rule, or what is wrong).
  wxString key_hint() const { return key_hint_->GetLabel(); }

 private:
  void populate(const setup::Survey& survey);
  void on_key_edited();
  std::vector<std::string> checked(const wxCheckListBox* list,
                                   const std::vector<std::string>& ids) const;

  wxCheckListBox* browsers_;
  wxCheckListBox* stores_;
  wxTextCtrl* port_;
  wxCheckBox* lan_;
  wxRadioButton* generated_key_;
  wxRadioButton* custom_key_;
  wxTextCtrl* key_;
  wxStaticText* key_hint_;
  std::vector<std::string> browser_ids_;  ///< per row of browsers_
  std::vector<std::string> store_ids_;    ///< per row of stores_
  bool populated_ = false;
};

/// The port typed in a field: 1..65535, digits only; nullopt otherwise.
std::optional<std::uint16_t> parse_port(const wxString& text);

}  // namespace postern::gui
