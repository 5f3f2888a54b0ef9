#pragma once
// Drives a real PosternWizard the way a user does: its own buttons, page by page, waiting for
// each page's background work.

#include <wx/weakref.h>

#include "gui_fixture.hpp"
#include "wizard/gui/postern_wizard.hpp"

namespace postern::testing {

/// A modeless wizard, destroyed at the end of the test if it is still open.
struct WizardDriver {
  wxWeakRef<gui::PosternWizard> wizard;

  explicit WizardDriver(gui::WizardContext& context) {
    wizard = new gui::PosternWizard(nullptr, context);
    wizard->ShowPage(wizard->first_page());
    wizard->Show();
    pump(100);
  }
  ~WizardDriver() {
    if (wizard) wizard->Destroy();
    pump(50);
  }

  std::string page() const { return wizard ? wizard->current_name() : std::string(); }
  /// Waits until `name` is shown and its work is done.
  bool reach(const std::string& name, int timeout_ms = 90000) {
    return wait_until([&] { return wizard && page() == name && wizard->page(name)->ready(); },
                      timeout_ms);
  }
  bool next() {
    const bool pressed = wizard->press(wxID_FORWARD);
    pump(50);
    return pressed;
  }
  bool back() {
    const bool pressed = wizard->press(wxID_BACKWARD);
    pump(50);
    return pressed;
  }
  template <typename PageType>
  PageType* get(const std::string& name) {
    return dynamic_cast<PageType*>(wizard->page(name));
  }
  /// Welcome → Detect → Choose, ready for the form.
  void to_choose() {
    REQUIRE(reach("welcome"));
    REQUIRE(next());
    REQUIRE(reach("detect"));
    REQUIRE(next());
    REQUIRE(reach("choose"));
  }
};

}  // namespace postern::testing
