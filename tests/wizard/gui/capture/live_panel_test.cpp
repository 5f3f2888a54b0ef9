#include "wizard/gui/capture/live_panel.hpp"

#include "unit_frame.hpp"

using namespace postern;
namespace cc = postern::control_client;

TEST_CASE("the live view takes only its own session's exchanges", "[gui][capture]") {
  testing::UnitFrame unit;
  auto* live = new gui::LivePanel(
      unit.frame, unit.service, [](const cc::Session&) {}, [] {});
  cc::Session session;
  session.id = 9;
  session.name = "live one";
  session.state = cc::SessionState::running;
  live->attach(session);
  unit.settle();
  CHECK(live->title() == "live one");
  CHECK(live->session_id() == 9);
  cc::ExchangeSummary exchange;
  exchange.id = 1;
  exchange.session_id = 8;
  exchange.url = "http://h/";
  live->add_exchange(exchange);
  CHECK(live->requests()->list()->GetItemCount() == 0);
  exchange.session_id = 9;
  live->add_exchange(exchange);
  CHECK(live->requests()->list()->GetItemCount() == 1);
  CHECK(live->bar()->summary().Contains("1 request"));
  session.name = "renamed";
  live->update(session);
  CHECK(live->title() == "renamed");
}
