#pragma once
// A frame and a CaptureService with no runtime behind it (every call answers
// RUNTIME_NOT_RUNNING), for tests of one panel's own behaviour.

#include <wx/frame.h>

#include "../gui_fixture.hpp"
#include "support/temp_dir.hpp"
#include "wizard/gui/capture/capture_service.hpp"

namespace postern::testing {

struct UnitFrame {
  TempDir dir;
  wxFrame* frame = new wxFrame(nullptr, wxID_ANY, "unit", wxDefaultPosition, wxSize(900, 600));
  gui::CaptureService service{frame, dir / "run"};

  UnitFrame() { frame->Show(); }
  ~UnitFrame() {
    frame->Destroy();
    pump(50);
  }
  void settle() {
    wait_until([this] { return service.pending() == 0; }, 10000);
    pump(50);
  }
};

}  // namespace postern::testing
