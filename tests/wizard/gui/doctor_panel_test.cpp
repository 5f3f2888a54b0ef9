#include "wizard/gui/doctor_panel.hpp"

#include <wx/frame.h>

#include "gui_fixture.hpp"
#include "wizard/gui/doctor_dialog.hpp"

using namespace postern;
using testing::GuiFixture;

TEST_CASE(
    "the doctor panel shows the verdict in colour, one row per check, and Fix repairs "
    "what the engine can",
    "[gui][doctor]") {
  GuiFixture fx;
  base::CancellationToken cancel;
  // Without the runtime: a deleted manifest is then the only thing Fix must restore.
  const auto browsers = fx.engine->survey().browsers;
  REQUIRE(base::all_ok(fx.engine->install({.ca_stores = {"nss"}}, browsers, cancel)));
  const auto manifest = fx.home / ".config/chromium/NativeMessagingHosts/com.postern.bridge.json";
  REQUIRE(std::filesystem::remove(manifest));

  gui::DoctorDialog dialog(nullptr, *fx.context);
  dialog.Show();
  auto* panel = dialog.panel();
  REQUIRE(testing::wait_until([&] { return panel->ready(); }));
  CHECK(panel->rows()->GetItemCount() == static_cast<int>(panel->report()->checks.size()));
  CHECK(panel->verdict()->GetLabel() == gui::verdict_text(panel->report()->verdict));
  CHECK(panel->verdict()->GetForegroundColour() == gui::verdict_colour(panel->report()->verdict));
  bool fixable_row = false;
  for (long row = 0; row < panel->rows()->GetItemCount(); ++row)
    if (panel->rows()->GetItemText(row, 0).Contains("fixable")) fixable_row = true;
  CHECK(fixable_row);
  REQUIRE(panel->fix_button()->IsEnabled());

  panel->fix();
  REQUIRE(testing::wait_until([&] { return panel->ready(); }, 120000));
  CHECK(std::filesystem::exists(manifest));
  fx.engine->reset({});
}

TEST_CASE("verdict colours differ", "[gui][doctor]") {
  CHECK(gui::verdict_colour(setup::Verdict::connected) !=
        gui::verdict_colour(setup::Verdict::dependencies_missing));
  CHECK(gui::verdict_text(setup::Verdict::not_connected) == "Not connected");
}
