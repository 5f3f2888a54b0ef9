#include "wizard/gui/install_page.hpp"

#include "wizard/setup/install_ledger.hpp"
#include "wizard_driver.hpp"

using namespace postern;
using testing::GuiFixture;
using testing::WizardDriver;

namespace {

// To the install page with the NSS store and without the runtime (faster; the full run in
// postern_wizard_test.cpp starts it).
void to_install(GuiFixture& fx, WizardDriver& run) {
  (void)fx;
  run.to_choose();
  REQUIRE(run.next());
  CHECK(run.page() == "install");
}

}  // namespace

TEST_CASE("the progress page is fed by a real engine run into the temporary home",
          "[gui][install]") {
  GuiFixture fx;
  WizardDriver run(*fx.context);
  to_install(fx, run);
  auto* page = run.get<gui::InstallPage>("install");
  CHECK_FALSE(run.wizard->FindWindow(wxID_FORWARD)->IsEnabled());  // Next waits for the engine
  REQUIRE(run.reach("install", 120000));
  CHECK(page->gauge()->GetValue() == page->gauge()->GetRange());
  CHECK(page->gauge()->GetRange() >= 4);  // bridge, (runtime), manifest, key, CA, (start)
  CHECK(page->log()->GetItemCount() >= page->gauge()->GetRange());
  INFO(page->summary().utf8_string());
  CHECK(base::all_ok(run.wizard->state().install_outcomes));
  CHECK(page->summary().Contains("Everything is installed"));
  // The log shows the engine's own step titles.
  bool bridge_row = false;
  for (long row = 0; row < page->log()->GetItemCount(); ++row)
    if (page->log()->GetItemText(row, 1).Contains("bridge")) bridge_row = true;
  CHECK(bridge_row);
  CHECK(std::filesystem::exists(setup::installed_bridge_path(fx.engine->paths())));
  CHECK(run.wizard->FindWindow(wxID_FORWARD)->IsEnabled());
  CHECK_FALSE(run.wizard->FindWindow(wxID_BACKWARD)->IsEnabled());  // no way back after install
  fx.engine->reset({});
}

TEST_CASE(
    "Cancel during the install asks, stops after the current step, and leaves a state "
    "that setup or reset completes",
    "[gui][install]") {
  GuiFixture fx;
  int asked = 0;
  fx.context->confirm = [&](const wxString&) {
    ++asked;
    return true;
  };
  WizardDriver run(*fx.context);
  to_install(fx, run);
  auto* page = run.get<gui::InstallPage>("install");
  REQUIRE(page->running());
  const auto run_choices = run.wizard->state().choices;
  REQUIRE(run.wizard->press(wxID_CANCEL));
  CHECK(asked == 1);
  CHECK(page->summary().Contains("Cancelling"));
  // The wizard closes itself once the engine has stopped.
  REQUIRE(testing::wait_until([&] { return !run.wizard || !run.wizard->IsShown(); }, 120000));
  // Setup again completes what was cancelled...
  base::CancellationToken go_on;
  const auto survey = fx.engine->survey();
  CHECK(base::all_ok(fx.engine->install(run_choices, survey.browsers, go_on)));
  // ...and whatever was done is in the ledger, so reset removes exactly that.
  auto removed = fx.engine->reset({});
  CHECK(base::all_ok(removed));
  CHECK_FALSE(std::filesystem::exists(fx.engine->paths().ledger_file()));
}

TEST_CASE("Cancel that the user does not confirm keeps the install going", "[gui][install]") {
  GuiFixture fx;
  fx.context->confirm = [](const wxString&) { return false; };
  WizardDriver run(*fx.context);
  to_install(fx, run);
  REQUIRE(run.wizard->press(wxID_CANCEL));
  CHECK(run.wizard);
  REQUIRE(run.reach("install", 120000));
  CHECK(base::all_ok(run.wizard->state().install_outcomes));
  fx.engine->reset({});
}

TEST_CASE("status words and colours", "[gui][install]") {
  CHECK(gui::status_word(base::Status::failed) == "Failed");
  CHECK(gui::status_colour(base::Status::failed) != gui::status_colour(base::Status::done));
}
