#include "wizard/gui/reset_dialog.hpp"

#include "gui_fixture.hpp"

using namespace postern;
using testing::GuiFixture;

TEST_CASE("reset shows exactly what the ledger lists, asks, and reports each item",
          "[gui][reset]") {
  GuiFixture fx;
  base::CancellationToken cancel;
  REQUIRE(base::all_ok(
      fx.engine->install({.ca_stores = {"nss"}}, fx.engine->survey().browsers, cancel)));
  const auto expected = fx.engine->reset({.dry_run = true}).size();
  int asked = 0;
  fx.context->confirm = [&](const wxString&) { return ++asked > 1; };  // "no", then "yes"

  gui::ResetDialog dialog(nullptr, *fx.context);
  dialog.Show();
  REQUIRE(testing::wait_until([&] { return dialog.ready(); }));
  CHECK(static_cast<std::size_t>(dialog.items()->GetItemCount()) == expected);
  CHECK(dialog.items()->GetItemText(0, 0) == "Will remove");
  dialog.remove();
  CHECK(asked == 1);
  CHECK_FALSE(dialog.removed());
  CHECK(std::filesystem::exists(fx.engine->paths().ledger_file()));
  dialog.remove();
  REQUIRE(testing::wait_until([&] { return dialog.ready() && dialog.removed(); }, 60000));
  CHECK(dialog.summary().Contains("Everything was removed"));
  for (long row = 0; row < dialog.items()->GetItemCount(); ++row)
    CHECK(dialog.items()->GetItemText(row, 0) != "Failed");
  CHECK_FALSE(dialog.remove_button()->IsEnabled());
}

TEST_CASE("reset with nothing installed says so and offers nothing to remove", "[gui][reset]") {
  GuiFixture fx;
  std::filesystem::remove_all(fx.home / "postern");
  gui::ResetDialog dialog(nullptr, *fx.context);
  REQUIRE(testing::wait_until([&] { return dialog.ready(); }));
  CHECK(dialog.items()->GetItemCount() == 0);
  CHECK(dialog.summary().Contains("Nothing to remove"));
  CHECK_FALSE(dialog.remove_button()->IsEnabled());
}
