#include "wizard/gui/finish_page.hpp"

#include <wx/frame.h>

#include "gui_fixture.hpp"
#include "wizard/gui/capture/capture_window.hpp"
#include "wizard/gui/postern_wizard.hpp"

using namespace postern;

TEST_CASE("the finish text has the proxy, the LAN addresses, the CA page and file",
          "[gui][finish]") {
  gui::WizardState state;
  state.choices.proxy_port = 8899;
  state.choices.lan = true;
  state.install_outcomes.push_back(base::done("runtime", "sock", "started"));
  const base::AppPaths paths{"/h/config", "/h/data", "/h/run"};
  const auto text = gui::finish_summary(state, paths, {"192.168.1.20", "fd00::1"});
  CHECK(text.Contains("127.0.0.1:8899"));
  CHECK(text.Contains("192.168.1.20:8899"));
  CHECK(text.Contains("[fd00::1]:8899"));
  CHECK(text.Contains("http://postern.proxy/"));
  CHECK(text.Contains("/h/config/proxy/postern-proxy-ca.crt"));
  CHECK(text.Contains("runtime is running"));

  state.choices = {};
  state.install_outcomes.clear();
  const auto local = gui::finish_summary(state, paths, {});
  CHECK(local.Contains("127.0.0.1:5555"));
  CHECK_FALSE(local.Contains("Other devices"));
  CHECK(local.Contains("not started"));
}

TEST_CASE("the finish page's button opens the capture window beside the wizard", "[gui][finish]") {
  testing::GuiFixture fx;
  auto* owner = new wxFrame(nullptr, wxID_ANY, "owner");
  auto* wizard = new gui::PosternWizard(owner, *fx.context);
  auto* finish = dynamic_cast<gui::FinishPage*>(wizard->page("finish"));
  REQUIRE(finish);
  REQUIRE(finish->capture_button()->IsEnabled());
  wxCommandEvent click(wxEVT_BUTTON, finish->capture_button()->GetId());
  click.SetEventObject(finish->capture_button());
  finish->capture_button()->ProcessWindowEvent(click);
  gui::CaptureWindow* capture = nullptr;
  for (auto* top : wxTopLevelWindows)
    if (auto* found = dynamic_cast<gui::CaptureWindow*>(top); found && !top->IsBeingDeleted())
      capture = found;
  REQUIRE(capture);
  CHECK(capture->GetParent() == owner);  // not the wizard, which Finish destroys
  wizard->Destroy();
  owner->Destroy();
  testing::pump(100);
}
