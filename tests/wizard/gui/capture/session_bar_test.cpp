#include "wizard/gui/capture/session_bar.hpp"

#include "unit_frame.hpp"

using namespace postern;
namespace cc = postern::control_client;

TEST_CASE("the session bar's buttons follow the state; count and size follow the exchanges",
          "[gui][capture]") {
  testing::UnitFrame unit;
  bool wants_new = false;
  auto* bar = new gui::SessionBar(
      unit.frame, unit.service, [](const cc::Session&) {}, [&] { wants_new = true; });
  cc::Session session;
  session.id = 4;
  session.state = cc::SessionState::running;
  session.duration_ms = 61'000;
  bar->show(session);
  CHECK(bar->pause_button()->IsEnabled());
  CHECK_FALSE(bar->resume_button()->IsEnabled());
  CHECK(bar->stop_button()->IsEnabled());
  CHECK_FALSE(bar->new_button()->IsShown());
  CHECK(bar->summary().StartsWith("00:01:01"));
  cc::ExchangeSummary exchange;
  exchange.session_id = 4;
  exchange.request_size = 1000;
  exchange.response_size = 1048;
  bar->add_exchange(exchange);
  exchange.session_id = 5;  // another session's: not counted
  bar->add_exchange(exchange);
  CHECK(bar->summary().Contains("1 request"));
  CHECK(bar->summary().Contains("2.0 KB"));

  session.state = cc::SessionState::paused;
  bar->show(session);
  CHECK_FALSE(bar->pause_button()->IsEnabled());
  CHECK(bar->resume_button()->IsEnabled());
  session.state = cc::SessionState::stopped;
  bar->show(session);
  CHECK_FALSE(bar->stop_button()->IsEnabled());
  CHECK(bar->new_button()->IsShown());
  wxCommandEvent click(wxEVT_BUTTON, bar->new_button()->GetId());
  click.SetEventObject(bar->new_button());
  bar->new_button()->ProcessWindowEvent(click);
  CHECK(wants_new);
}
