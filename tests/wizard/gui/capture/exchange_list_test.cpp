#include "wizard/gui/capture/exchange_list.hpp"

#include "unit_frame.hpp"

using namespace postern;
namespace cc = postern::control_client;

namespace {

cc::ExchangeSummary row(std::int64_t id, const std::string& url) {
  cc::ExchangeSummary summary;
  summary.id = id;
  summary.method = "GET";
  summary.url = url;
  summary.status = 200;
  summary.request_size = 10;
  summary.response_size = 20;
  return summary;
}

}  // namespace

TEST_CASE("the virtual table shows, appends and removes rows, keeping the selection",
          "[gui][capture]") {
  testing::UnitFrame unit;
  auto* list = new gui::ExchangeList(unit.frame);
  list->SetSize(800, 300);
  list->set_rows({row(1, "http://a/1"), row(2, "http://a/2"), row(3, "http://a/3")});
  CHECK(list->GetItemCount() == 3);
  CHECK(list->GetItemText(1, 1) == "http://a/2");
  CHECK(list->GetItemText(1, 2) == "200");
  CHECK(list->GetItemText(1, 3) == "30 B");
  list->append(row(4, "http://a/4"));
  CHECK(list->GetItemCount() == 4);
  list->Select(2);
  list->Select(3);
  list->remove(1);
  CHECK(list->GetItemCount() == 3);
  CHECK(list->selected_ids() == std::vector<std::int64_t>{3, 4});
  list->select_only(0);
  CHECK(list->selected_ids() == std::vector<std::int64_t>{2});
  list->remove(99);
  CHECK(list->GetItemCount() == 3);
}
