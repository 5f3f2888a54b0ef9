#include "wizard/gui/capture/overview_panel.hpp"

#include "unit_frame.hpp"

using namespace postern;

TEST_CASE("the overview shows the four aggregates", "[gui][capture]") {
  testing::UnitFrame unit;
  auto* panel = new gui::OverviewPanel(unit.frame, unit.service);
  control_client::Overview overview;
  overview.total = 3;
  overview.by_method = {{"GET", 2}, {"POST", 1}};
  overview.by_domain = {{"api.example", 3}};
  overview.by_data_mode = {{"json", 1}, {"none", 2}};
  overview.by_status = {{"200", 2}, {"404", 1}};
  panel->show(overview);
  CHECK(panel->total_text().Contains("3 requests"));
  CHECK(panel->by_method()->bars().size() == 2);
  CHECK(panel->by_domain()->bars().at(0).key == "api.example");
  CHECK(panel->by_data_mode()->bars().at(0).key == "none");
  CHECK(panel->by_status()->bars().at(1).key == "404");
  panel->show_session(std::nullopt);
  CHECK(panel->by_method()->bars().empty());
  CHECK_FALSE(panel->loading());
}
