#include "wizard/gui/choose_page.hpp"

#include <wx/statbox.h>
#include <wx/valtext.h>

#include <algorithm>

#include "wizard/gui/strings.hpp"
#include "wizard/setup/key_step.hpp"

namespace postern::gui {

namespace {

bool listed(const std::optional<std::vector<std::string>>& preset, const std::string& id,
            bool fallback) {
  if (!preset) return fallback;
  return std::find(preset->begin(), preset->end(), id) != preset->end();
}

}  // namespace

std::optional<std::uint16_t> parse_port(const wxString& text) {
  const wxString trimmed = wxString(text).Trim().Trim(false);
  if (trimmed.empty() || trimmed.length() > 5 || !trimmed.IsNumber() || trimmed.StartsWith("-"))
    return std::nullopt;
  unsigned long value = 0;
  if (!trimmed.ToULong(&value) || value < 1 || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

ChoosePage::ChoosePage(wxWizard* parent, WizardContext& context, WizardState& state)
    : Page(parent, context, state, "choose", text::choose_heading()) {
  auto* lists = new wxBoxSizer(wxHORIZONTAL);
  auto* left = new wxBoxSizer(wxVERTICAL);
  left->Add(new wxStaticText(this, wxID_ANY, text::choose_browsers_label()));
  browsers_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(280, 110)));
  left->Add(browsers_, 1, wxEXPAND);
  auto* right = new wxBoxSizer(wxVERTICAL);
  right->Add(new wxStaticText(this, wxID_ANY, text::choose_stores_label()));
  stores_ = new wxCheckListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(280, 110)));
  right->Add(stores_, 1, wxEXPAND);
  lists->Add(left, 1, wxEXPAND | wxRIGHT, FromDIP(8));
  lists->Add(right, 1, wxEXPAND);
  body_->Add(lists, 1, wxEXPAND | wxBOTTOM, FromDIP(8));

  auto* proxy = new wxBoxSizer(wxHORIZONTAL);
  proxy->Add(new wxStaticText(this, wxID_ANY, text::choose_port_label()), 0,
             wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  port_ = new wxTextCtrl(this, wxID_ANY, "5555", wxDefaultPosition, FromDIP(wxSize(80, -1)), 0,
                         wxTextValidator(wxFILTER_DIGITS));
  proxy->Add(port_, 0, wxRIGHT, FromDIP(16));
  lan_ = new wxCheckBox(this, wxID_ANY, text::choose_lan());
  lan_->SetToolTip(text::choose_lan_tip());
  proxy->Add(lan_, 0, wxALIGN_CENTER_VERTICAL);
  body_->Add(proxy, 0, wxBOTTOM, FromDIP(8));

  body_->Add(new wxStaticText(this, wxID_ANY, text::choose_key_label()));
  generated_key_ = new wxRadioButton(this, wxID_ANY, text::choose_key_generated(),
                                     wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
  custom_key_ = new wxRadioButton(this, wxID_ANY, text::choose_key_custom());
  key_ = new wxTextCtrl(this, wxID_ANY);
  key_hint_ = new wxStaticText(this, wxID_ANY, text::key_rule());
  body_->Add(generated_key_, 0, wxTOP, FromDIP(2));
  auto* custom = new wxBoxSizer(wxHORIZONTAL);
  custom->Add(custom_key_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  custom->Add(key_, 1);
  body_->Add(custom, 0, wxEXPAND | wxTOP, FromDIP(2));
  body_->Add(key_hint_, 0, wxTOP, FromDIP(2));
  key_->Enable(false);

  auto toggle = [this](wxCommandEvent&) {
    key_->Enable(custom_key_->GetValue());
    on_key_edited();
  };
  generated_key_->Bind(wxEVT_RADIOBUTTON, toggle);
  custom_key_->Bind(wxEVT_RADIOBUTTON, toggle);
  key_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { on_key_edited(); });
  if (context.presets.proxy_port)
    port_->SetValue(wxString::Format("%u", *context.presets.proxy_port));
  lan_->SetValue(context.presets.lan);
}

void ChoosePage::on_shown() {
  if (!populated_ && state_.survey) populate(*state_.survey);
}

void ChoosePage::populate(const setup::Survey& survey) {
  populated_ = true;
  for (const auto& browser : survey.browsers.browsers) {
    // A native and a snap Chromium share an id; setup registers by id, so list it once.
    if (std::find(browser_ids_.begin(), browser_ids_.end(), browser.browser) != browser_ids_.end())
      continue;
    browser_ids_.push_back(browser.browser);
    const int row = browsers_->Append(wxString::FromUTF8(browser.display));
    browsers_->Check(row, listed(context_.presets.browsers, browser.browser, true));
  }
  for (const auto& store : survey.stores) {
    if (!store.probe.present) continue;
    store_ids_.push_back(store.name);
    const int row = stores_->Append(wxString::FromUTF8(store.name));
    // As `postern setup`: every store found, unless its tool is missing (the Detect page says
    // which package brings it).
    stores_->Check(row, listed(context_.presets.ca_stores, store.name, store.probe.tool_found));
  }
}

void ChoosePage::on_key_edited() {
  if (!custom_key_->GetValue()) {
    key_hint_->SetLabel(text::key_rule());
    key_hint_->SetForegroundColour(GetForegroundColour());
    return;
  }
  auto problem = setup::custom_key_problem(key_->GetValue().ToStdString());
  key_hint_->SetLabel(problem ? wxString::FromUTF8(*problem) : text::key_ok());
  key_hint_->SetForegroundColour(problem ? *wxRED : wxColour(0, 128, 0));
  Layout();
}

std::vector<std::string> ChoosePage::checked(const wxCheckListBox* list,
                                             const std::vector<std::string>& ids) const {
  std::vector<std::string> result;
  for (unsigned i = 0; i < list->GetCount(); ++i)
    if (list->IsChecked(i)) result.push_back(ids[i]);
  return result;
}

bool ChoosePage::TransferDataFromWindow() {
  setup::SetupChoices choices;
  choices.browsers = checked(browsers_, browser_ids_);
  if (choices.browsers.empty()) return veto(text::choose_no_browser());
  choices.ca_stores = checked(stores_, store_ids_);
  choices.skip_ca = choices.ca_stores.empty();
  auto port = parse_port(port_->GetValue());
  if (!port) return veto(text::choose_bad_port(port_->GetValue()));
  choices.proxy_port = *port;
  choices.lan = lan_->GetValue();
  if (custom_key_->GetValue()) {
    const std::string key = key_->GetValue().ToStdString();
    if (auto problem = setup::custom_key_problem(key))
      return veto(text::choose_bad_key(wxString::FromUTF8(*problem)));
    choices.custom_key = key;
  }
  state_.choices = std::move(choices);
  clear_veto();
  return true;
}

}  // namespace postern::gui
