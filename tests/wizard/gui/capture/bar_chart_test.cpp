#include "wizard/gui/capture/bar_chart.hpp"

#include "unit_frame.hpp"

using namespace postern;

TEST_CASE("a bar chart sorts its bars and folds the smallest into Other", "[gui][capture]") {
  testing::UnitFrame unit;
  auto* chart = new gui::BarChart(unit.frame, "By domain");
  chart->set_counts({{"a", 1}, {"b", 5}, {"c", 3}});
  REQUIRE(chart->bars().size() == 3);
  CHECK(chart->bars()[0].key == "b");
  CHECK(chart->bars()[2].key == "a");
  std::vector<control_client::KeyCount> many;
  for (int i = 0; i < 12; ++i)
    many.push_back({"host" + std::to_string(i), 12 - i});
  chart->set_counts(many);
  REQUIRE(chart->bars().size() == gui::BarChart::kMaxBars);
  CHECK(chart->bars().back().key == "other");
  CHECK(chart->bars().back().count == 5 + 4 + 3 + 2 + 1);
  CHECK(chart->GetBestSize().y > chart->GetCharHeight() * 8);
  chart->Update();  // paints without asserting
}
