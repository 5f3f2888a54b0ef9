// The GUI tests' runner, in its own translation unit (Catch2's runner is the slow one to
// compile): a real wxApp on the X display (Xvfb in ctest), then Catch2 (recipe wx-gui §4).
#define CATCH_CONFIG_RUNNER
#include <wx/wx.h>
#include <catch2/catch.hpp>

#include <cstdio>

namespace {

// OnInit must not parse argv: Catch2's options are not wx's.
class TestApp final : public wxApp {
 public:
  bool OnInit() override { return true; }
};

// A wx assert fails the test run loudly instead of opening a modal dialog that hangs CI.
void print_assert(const wxString& file, int line, const wxString& func, const wxString& cond,
                  const wxString& msg) {
  std::fprintf(stderr, "wx assert %s:%d %s: %s %s\n", file.utf8_str().data(), line,
               func.utf8_str().data(), cond.utf8_str().data(), msg.utf8_str().data());
  FAIL_CHECK("wx assert: " << cond.utf8_string() << " " << msg.utf8_string());
}

}  // namespace

int main(int argc, char* argv[]) {
  wxApp::SetInstance(new TestApp);  // before wxEntryStart, else wx makes a console app
  if (!wxEntryStart(argc, argv)) {
    std::fprintf(stderr, "cannot open the display: run under xvfb-run\n");
    return 2;
  }
  wxTheApp->CallOnInit();
  wxSetAssertHandler(print_assert);
  const int rc = Catch::Session().run(argc, argv);
  wxTheApp->OnExit();
  wxEntryCleanup();
  return rc;
}
