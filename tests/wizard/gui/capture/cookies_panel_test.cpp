// The Cookies tab against a real runtime: a Set-Cookie captured from the origin's response is
// listed, Add to cookie jar puts it into the runtime's jar, Delete from jar takes it out.
#include "wizard/gui/capture/cookies_panel.hpp"

#include <wx/frame.h>

#include "capture_fixture.hpp"
#include "wizard/gui/capture/capture_service.hpp"

using namespace postern;
using testing::CaptureFixture;
using testing::wait_until;
namespace cc = postern::control_client;

TEST_CASE("cookie names are read from Cookie and Set-Cookie lines", "[gui][capture]") {
  CHECK(gui::cookie_names({1, "request", "h", "a=1; b=2;c=3", ""}) ==
        std::vector<std::string>{"a", "b", "c"});
  CHECK(gui::cookie_names({1, "response", "h", "sid=x; Path=/; HttpOnly", ""}) ==
        std::vector<std::string>{"sid"});
  CHECK(gui::cookie_names({1, "response", "h", "=nameless", ""}).empty());
}

TEST_CASE("the Cookies tab lists a captured Set-Cookie and adds it to the jar and deletes it",
          "[gui][capture][live]") {
  CaptureFixture fx;
  cc::CaptureOptions options;
  options.capture_cookies = true;
  auto session = fx.capture().start(std::string("cookies"), options);
  REQUIRE(session);
  REQUIRE(fx.curl("/login") == 0);
  REQUIRE(fx.stored(session.value().id, 1));
  REQUIRE(fx.capture().stop());

  auto* frame = new wxFrame(nullptr, wxID_ANY, "cookies");
  gui::CaptureService service(frame, fx.run_dir);
  auto* panel = new gui::CookiesPanel(frame, service);
  frame->Show();
  panel->show_session(session.value().id);
  REQUIRE(wait_until([&] { return !panel->loading(); }));
  REQUIRE(panel->rows().size() >= 1);
  long set_cookie = -1;
  for (std::size_t i = 0; i < panel->rows().size(); ++i)
    if (panel->rows()[i].direction == "response") set_cookie = static_cast<long>(i);
  REQUIRE(set_cookie >= 0);
  CHECK(panel->list()->GetItemText(set_cookie, 0) == "Set-Cookie");
  CHECK(panel->list()->GetItemText(set_cookie, 2).StartsWith("session=abc123"));

  panel->select_only(set_cookie);
  panel->add_to_jar();
  REQUIRE(wait_until([&] { return !panel->loading(); }));
  CHECK(panel->message().Contains("Added 1 cookie"));
  auto jar = fx.cookies().list();
  REQUIRE(jar);
  REQUIRE(jar.value().size() == 1);
  CHECK(jar.value()[0].name == "session");
  CHECK(jar.value()[0].value == "abc123");

  panel->delete_from_jar();
  REQUIRE(wait_until([&] { return !panel->loading(); }));
  CHECK(panel->message().Contains("Deleted 1 cookie"));
  CHECK(fx.cookies().list().value().empty());
  frame->Destroy();
  testing::pump(50);
}
