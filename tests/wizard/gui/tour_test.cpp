#include "wizard/gui/tour.hpp"

#include "gui_fixture.hpp"
#include "support/loopback_http_server.hpp"
#include "wizard/gui/main_frame.hpp"

using namespace postern;
using testing::GuiFixture;

TEST_CASE("the tour walks every window with real buttons and photographs each", "[gui][tour]") {
  GuiFixture fx;
  fx.context->presets.proxy_port = 18094;
  auto* frame = new gui::MainFrame(*fx.context);
  frame->Show();
  std::optional<int> code;
  std::vector<std::string> sizes;
  gui::Tour tour(
      *frame, *fx.context,
      [&](wxWindow* window, const std::string& name) {
        const auto size = window->GetSize();
        sizes.push_back(name + ":" + std::to_string(size.x > 100 && size.y > 100));
        return true;
      },
      [&](int exit) { code = exit; });
  // The capture shots' sample requests go through the runtime's proxy to this origin.
  testing::LoopbackHttpServer origin(
      "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nSet-Cookie: tour=1\r\n"
      "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
  tour.set_capture_origin("http://" + origin.authority());
  tour.start();
  REQUIRE(testing::wait_until([&] { return code.has_value(); }, 300000));
  CHECK(*code == 0);
  CHECK(tour.shots() == std::vector<std::string>{
                            "0-main", "1-welcome", "2-detect", "3-choose", "4-install",
                            "5-diagnose", "6-finish", "10-capture-setup", "11-capture-requests",
                            "12-capture-detail", "13-capture-cookies", "14-capture-history",
                            "15-capture-overview", "7-set-key", "8-reset-preview", "9-reset-done"});
  CHECK(origin.requests().size() >= 7);  // the sample requests went through the proxy
  for (const auto& size : sizes)
    CHECK(size.back() == '1');
  CHECK(testing::snapshot(fx.home) == fx.before);  // the tour ends with a reset
  frame->Destroy();
  testing::pump(50);
}
