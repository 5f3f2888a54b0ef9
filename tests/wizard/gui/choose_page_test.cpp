#include "wizard/gui/choose_page.hpp"

#include <wx/button.h>

#include "wizard_driver.hpp"

using namespace postern;
using testing::GuiFixture;
using testing::WizardDriver;

TEST_CASE("Next and Back walk the pages; the page's name is in the title", "[gui][choose]") {
  GuiFixture fx;
  WizardDriver run(*fx.context);
  REQUIRE(run.reach("welcome"));
  CHECK(run.wizard->GetTitle().EndsWith("welcome"));
  CHECK_FALSE(run.back());  // nothing before the first page
  REQUIRE(run.next());
  REQUIRE(run.reach("detect"));
  REQUIRE(run.back());
  CHECK(run.page() == "welcome");
  REQUIRE(run.next());
  REQUIRE(run.reach("detect"));
  REQUIRE(run.next());
  REQUIRE(run.reach("choose"));
  CHECK(run.wizard->GetTitle().EndsWith("choose"));
}

TEST_CASE("the choose page vetoes Next without a browser, with a bad port or a bad key",
          "[gui][choose]") {
  GuiFixture fx;
  WizardDriver run(*fx.context);
  run.to_choose();
  auto* page = run.get<gui::ChoosePage>("choose");
  REQUIRE(page->browsers()->GetCount() >= 1);  // Chromium from /usr/bin, in any home
  // The nss preset is ticked; the fixture's engine has no other store.
  REQUIRE(page->stores()->GetCount() == 1);
  CHECK(page->stores()->IsChecked(0));

  for (unsigned i = 0; i < page->browsers()->GetCount(); ++i)
    page->browsers()->Check(i, false);
  run.next();
  CHECK(run.page() == "choose");
  CHECK(page->error_text().Contains("at least one browser"));
  page->browsers()->Check(0, true);

  page->port()->SetValue("70000");
  run.next();
  CHECK(run.page() == "choose");
  CHECK(page->error_text().Contains("70000"));
  page->port()->SetValue("0");
  run.next();
  CHECK(run.page() == "choose");
  page->port()->SetValue("18081");

  page->custom_key()->SetValue(true);
  wxCommandEvent radio(wxEVT_RADIOBUTTON, page->custom_key()->GetId());
  radio.SetEventObject(page->custom_key());
  page->custom_key()->ProcessWindowEvent(radio);
  CHECK(page->key()->IsEnabled());
  page->key()->SetValue("short");
  CHECK(page->key_hint().Contains("at least 10"));
  run.next();
  CHECK(run.page() == "choose");
  CHECK(page->error_text().Contains("key"));
  page->key()->SetValue("has space 123");
  CHECK(page->key_hint().Contains("character 4"));
  page->key()->SetValue("GoodKey12345");
  CHECK(page->key_hint().Contains("can be used"));
}

TEST_CASE("what the choose page accepts becomes the setup choices", "[gui][choose]") {
  GuiFixture fx;
  fx.context->presets.proxy_port = 18082;
  fx.context->presets.lan = true;
  WizardDriver run(*fx.context);
  run.to_choose();
  auto* page = run.get<gui::ChoosePage>("choose");
  CHECK(page->port()->GetValue() == "18082");
  CHECK(page->lan()->GetValue());
  CHECK(page->TransferDataFromWindow());
  const auto& choices = run.wizard->state().choices;
  CHECK(choices.proxy_port == 18082);
  CHECK(choices.lan);
  CHECK(choices.ca_stores == std::vector<std::string>{"nss"});
  CHECK_FALSE(choices.skip_ca);
  CHECK(choices.custom_key.empty());
  CHECK_FALSE(choices.browsers.empty());
}

TEST_CASE("parse_port takes 1 to 65535 and nothing else", "[gui][choose]") {
  CHECK(gui::parse_port("5555") == 5555);
  CHECK(gui::parse_port(" 1 ") == 1);
  CHECK(gui::parse_port("65535") == 65535);
  CHECK_FALSE(gui::parse_port("0"));
  CHECK_FALSE(gui::parse_port("65536"));
  CHECK_FALSE(gui::parse_port("-1"));
  CHECK_FALSE(gui::parse_port("12a"));
  CHECK_FALSE(gui::parse_port(""));
}

namespace {

// Buttons, check boxes and radio buttons under `window` whose label has no mnemonic.
void collect_without_mnemonic(wxWindow* window, std::vector<std::string>& missing) {
  for (auto* child : window->GetChildren()) {
    // dynamic_cast, not wxDynamicCast: the latter static_casts first, which UBSan rightly
    // reports as a downcast to the wrong type for every window that is not one.
    const bool labelled = dynamic_cast<wxButton*>(child) || dynamic_cast<wxCheckBox*>(child) ||
                          dynamic_cast<wxRadioButton*>(child);
    if (labelled && !child->GetLabel().empty() && !child->GetLabel().Contains("&"))
      missing.push_back(child->GetLabel().utf8_string());
    collect_without_mnemonic(child, missing);
  }
}

}  // namespace

TEST_CASE("every button, box and radio button on the pages has a mnemonic", "[gui][choose]") {
  GuiFixture fx;
  WizardDriver run(*fx.context);
  std::vector<std::string> missing;
  for (const char* name : {"welcome", "detect", "choose", "install", "diagnose", "finish"})
    collect_without_mnemonic(run.wizard->page(name), missing);
  CHECK(missing.empty());
}
