#include "wizard/gui/capture/capture_service.hpp"

#include <wx/frame.h>
#include <wx/panel.h>

#include "../gui_fixture.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
namespace cc = postern::control_client;

TEST_CASE("a call without a runtime answers RUNTIME_NOT_RUNNING on the UI thread",
          "[gui][capture]") {
  testing::TempDir dir;
  auto* frame = new wxFrame(nullptr, wxID_ANY, "service");
  gui::CaptureService service(frame, dir / "run");
  std::optional<std::string> code;
  bool on_ui_thread = false;
  service.call<cc::Session>([](gui::ControlApis& apis) { return apis.capture.stop(); },
                            [&](cc::CallResult<cc::Session> answer) {
                              on_ui_thread = wxThread::IsMain();
                              code = answer ? "" : answer.error().code;
                            });
  REQUIRE(testing::wait_until([&] { return code.has_value(); }, 10000));
  CHECK(*code == "RUNTIME_NOT_RUNNING");
  CHECK(on_ui_thread);

  std::optional<cc::StreamStatus> status;
  service.listen([](const cc::ControlEvent&) {}, [&](const cc::StreamStatus& s) { status = s; });
  REQUIRE(testing::wait_until([&] { return status.has_value(); }, 10000));
  CHECK(status->kind == cc::StreamStatus::Kind::disconnected);

  // A result for a window that is gone is dropped.
  auto* owner = new wxPanel(frame);
  bool delivered = false;
  {
    gui::CaptureService owned(owner, dir / "run");
    owned.call<cc::Session>([](gui::ControlApis& apis) { return apis.capture.stop(); },
                            [&](cc::CallResult<cc::Session>) { delivered = true; });
    delete owner;  // at once, before the answer can arrive
  }
  testing::pump(300);
  CHECK_FALSE(delivered);
  frame->Destroy();
  testing::pump(50);
}
