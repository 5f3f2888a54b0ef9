#include "wizard/gui/main_frame.hpp"

#include <wx/statusbr.h>

#include "gui_fixture.hpp"
#include "wizard/gui/capture/capture_window.hpp"

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

TEST_CASE("the main window opens one capture window, for this user's runtime", "[gui][main]") {
  GuiFixture fx;
  auto* frame = new gui::MainFrame(*fx.context);
  frame->Show();
  REQUIRE(testing::wait_until([&] { return frame->ready(); }));
  wxWeakRef<gui::CaptureWindow> capture = frame->open_capture();
  REQUIRE(capture);
  CHECK(capture->GetParent() == frame);
  CHECK(frame->open_capture() == capture.get());
  // No runtime runs in this home: the window says so and keeps trying.
  REQUIRE(
      testing::wait_until([&] { return !capture->GetStatusBar()->GetStatusText().empty(); }, 5000));
  frame->Destroy();  // takes its capture window with it
  testing::pump(100);
}
