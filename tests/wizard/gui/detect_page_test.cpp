#include "wizard/gui/detect_page.hpp"

#include <wx/frame.h>

#include "wizard_driver.hpp"

using namespace postern;
using testing::GuiFixture;
using testing::WizardDriver;

TEST_CASE("the detect page lists browsers, stores and no earlier install; Next waits for it",
          "[gui][detect]") {
  GuiFixture fx;
  WizardDriver run(*fx.context);
  REQUIRE(run.reach("welcome"));
  REQUIRE(run.next());
  CHECK(run.page() == "detect");
  REQUIRE(run.reach("detect"));
  auto* page = run.get<gui::DetectPage>("detect");
  CHECK(page->browsers()->GetItemCount() >= 1);
  REQUIRE(page->stores()->GetItemCount() == 1);
  CHECK(page->stores()->GetItemText(0, 0) == "nss");
  REQUIRE(run.wizard->state().survey);
  CHECK(run.wizard->state().survey->install.empty());
  CHECK(run.wizard->FindWindow(wxID_FORWARD)->IsEnabled());
}

TEST_CASE("report lists hold what is appended", "[gui][detect]") {
  wxFrame frame(nullptr, wxID_ANY, "list");
  auto* list = gui::make_report_list(&frame, {"a", "b"}, 2);
  const long row = gui::append_row(list, {"one", "two"});
  CHECK(list->GetItemText(row, 0) == "one");
  CHECK(list->GetItemText(row, 1) == "two");
}
