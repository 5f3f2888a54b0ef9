#include "wizard/gui/capture/session_view.hpp"

#include "unit_frame.hpp"

using namespace postern;

TEST_CASE("a session view shows a session's header, and nothing when none is open",
          "[gui][capture]") {
  testing::UnitFrame unit;
  auto* view = new gui::SessionView(unit.frame, unit.service);
  CHECK(view->header().Contains("Select a session"));
  CHECK(view->tabs()->GetPageCount() == 3);
  control_client::Session session;
  session.id = 3;
  session.name = "morning";
  session.source = "proxy";
  session.exchange_count = 12;
  session.total_bytes = 2048;
  session.duration_ms = 5000;
  session.started_at = "2026-11-22T10:00:00.000Z";
  view->show(session);
  CHECK(view->header().Contains("morning"));
  CHECK(view->header().Contains("12 requests"));
  CHECK(view->header().Contains("2.0 KB"));
  CHECK(view->header().Contains("00:00:05"));
  unit.settle();
  view->show(std::nullopt);
  CHECK_FALSE(view->session());
  unit.settle();
}
