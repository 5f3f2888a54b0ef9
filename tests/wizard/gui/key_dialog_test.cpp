#include "wizard/gui/key_dialog.hpp"

#include "gui_fixture.hpp"
#include "runtime/bridge/bridge_key_store.hpp"

using namespace postern;
using testing::GuiFixture;

TEST_CASE("the key dialog checks the rule as it is typed and stores a good key", "[gui][key]") {
  GuiFixture fx;
  gui::KeyDialog dialog(nullptr, *fx.context);
  dialog.Show();
  CHECK_FALSE(dialog.save_button()->IsEnabled());
  dialog.key()->SetValue("abc");
  CHECK(dialog.hint().Contains("at least 10"));
  CHECK_FALSE(dialog.save_button()->IsEnabled());
  dialog.key()->SetValue("abcdefghij!");
  CHECK(dialog.hint().Contains("character 11"));
  dialog.key()->SetValue("MySecretKey2024");
  CHECK(dialog.save_button()->IsEnabled());
  wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
  click.SetEventObject(dialog.save_button());
  dialog.save_button()->ProcessWindowEvent(click);
  REQUIRE(testing::wait_until([&] { return dialog.outcome().has_value(); }));
  CHECK(dialog.outcome()->status == base::Status::done);
  CHECK(dialog.hint().Contains("extension"));
  auto stored =
      bridge::BridgeKeyStore(bridge::BridgeKeyStore::default_file(fx.engine->paths())).load();
  REQUIRE(stored);
  REQUIRE(stored.value());
  CHECK(stored.value()->kind == bridge::KeyKind::custom);
}
