#include "wizard/gui/main_frame.hpp"

#include "gui_fixture.hpp"

using namespace postern;
using testing::GuiFixture;

TEST_CASE("the main window says what is installed and opens one wizard at a time", "[gui][main]") {
  GuiFixture fx;
  auto* frame = new gui::MainFrame(*fx.context);
  frame->Show();
  REQUIRE(testing::wait_until([&] { return frame->ready(); }));
  CHECK(frame->status().Contains("not set up"));
  wxWeakRef<gui::PosternWizard> wizard = frame->open_wizard();
  CHECK(frame->open_wizard() == wizard.get());
  REQUIRE(wizard->press(wxID_CANCEL));  // nothing runs yet: it closes at once
  REQUIRE(testing::wait_until([&] { return !wizard; }, 5000));
  frame->Destroy();
  testing::pump(50);
}
