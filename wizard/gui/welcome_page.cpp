#include "wizard/gui/welcome_page.hpp"

#include "runtime/bridge/bridge_key_store.hpp"
#include "wizard/gui/strings.hpp"
#include "wizard/setup/setup_plan.hpp"

namespace postern::gui {

WelcomePage::WelcomePage(wxWizard* parent, WizardContext& context, WizardState& state)
    : Page(parent, context, state, "welcome", text::welcome_heading()) {
  const auto& paths = context.engine.paths();
  body_->Add(make_paragraph(this, text::welcome_intro()), 0, wxBOTTOM, FromDIP(8));
  const wxString items[] = {
      text::welcome_item_bridge(setup::installed_bridge_path(paths).string()),
      text::welcome_item_manifests(),
      text::welcome_item_key(bridge::BridgeKeyStore::default_file(paths).string()),
      text::welcome_item_ca(paths.proxy_dir().string()),
      text::welcome_item_runtime(setup::installed_runtime_path(paths).string()),
  };
  for (const auto& item : items)
    body_->Add(make_paragraph(this, wxString::FromUTF8("\u2022 ") + item), 0, wxBOTTOM, FromDIP(4));
  body_->Add(make_paragraph(this, text::welcome_admin()), 0, wxTOP, FromDIP(8));
  body_->Add(make_paragraph(this, text::welcome_ledger(paths.ledger_file().string())), 0, wxTOP,
             FromDIP(8));
}

}  // namespace postern::gui
