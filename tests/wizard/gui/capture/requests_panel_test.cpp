#include "wizard/gui/capture/requests_panel.hpp"

#include "unit_frame.hpp"

using namespace postern;
namespace cc = postern::control_client;

TEST_CASE("live rows that do not match the search stay out; the pager counts them in",
          "[gui][capture]") {
  testing::UnitFrame unit;
  auto* panel = new gui::RequestsPanel(unit.frame, unit.service);
  CHECK_FALSE(panel->delete_button()->IsEnabled());  // no session
  panel->show_session(7);
  unit.settle();  // the page fetch fails: no runtime
  CHECK_FALSE(panel->message().empty());
  cc::ExchangeSummary exchange;
  exchange.id = 1;
  exchange.session_id = 7;
  exchange.method = "GET";
  exchange.url = "http://h/api/one";
  panel->add_live(exchange);
  panel->add_live(exchange);  // the same id twice: one row
  CHECK(panel->list()->GetItemCount() == 1);
  CHECK(panel->pager_text().Contains("1 request"));
  panel->search("nothing-like-it");
  unit.settle();
  exchange.id = 2;
  panel->add_live(exchange);
  CHECK(panel->list()->GetItemCount() == 1);
  CHECK(panel->pages() == 1);
}
