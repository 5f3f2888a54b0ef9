// The capture window against a real runtime: a capture started from the form with its filters,
// curl's requests through the proxy appearing live, search, the detail pane, delete, and the
// session bar's Pause / Resume / Stop with its running time and size; and the warning a full
// disk brings (a real one: a tmpfs only the runtime sees).
#include "wizard/gui/capture/capture_window.hpp"

#include <unistd.h>
#include <wx/statusbr.h>

#include "capture_fixture.hpp"

using namespace postern;
using testing::CaptureFixture;
using testing::LoopbackHttpServer;
using testing::press;
using testing::wait_until;
namespace cc = postern::control_client;

namespace {

// Destroys a window when the test ends, however it ends: a window left by a failed check would
// be the one CaptureWindow::open() raises in the next test.
struct DestroyAtEnd {
  wxWindow* window;
  ~DestroyAtEnd() {
    window->Destroy();
    testing::pump(50);
  }
};

bool has_header(const wxString& detail, const std::string& line) {
  return detail.Contains(wxString::FromUTF8(line));
}

}  // namespace

TEST_CASE("the capture window captures curl's requests live, searches, shows, deletes, pauses",
          "[gui][capture][live]") {
  CaptureFixture fx;
  auto* window = new gui::CaptureWindow(nullptr, fx.run_dir, fx.prompts());
  window->Show();
  REQUIRE(wait_until([&] { return window->settled(); }, 20000));
  CHECK(window->GetStatusBar()->GetStatusText().Contains("Connected"));
  CHECK_FALSE(window->showing_live());

  // The form's filters reach the runtime as they were ticked.
  auto* setup = window->setup();
  setup->name_field()->SetValue("gui live");
  setup->url_field()->SetValue("/api/");
  setup->exclude_field()->SetValue("skip-me, /health");
  setup->method_box("GET")->SetValue(true);
  setup->method_box("POST")->SetValue(true);
  setup->exclude_static_box()->SetValue(true);
  setup->cookies_box()->SetValue(true);
  REQUIRE(press(setup->start_button()));
  REQUIRE(wait_until([&] { return window->showing_live() && window->settled(); }, 20000));
  CHECK(setup->problem().empty());
  auto status = fx.capture().capture_status();
  REQUIRE(status);
  REQUIRE(status.value().session);
  REQUIRE(status.value().options);
  const auto& options = *status.value().options;
  CHECK(status.value().session->name == "gui live");
  CHECK(options.url_contains == "/api/");
  CHECK(options.exclude == std::vector<std::string>{"skip-me", "/health"});
  CHECK(options.methods == std::vector<std::string>{"GET", "POST"});
  CHECK(options.exclude_static);
  CHECK(options.capture_cookies);
  CHECK(options.save_responses);
  const auto session = status.value().session->id;
  CHECK(window->live()->title() == "gui live");

  // curl through the proxy: the two that pass the filters appear in the live table.
  REQUIRE(fx.curl("/api/users?id=1") == 0);
  REQUIRE(fx.curl("/api/orders", "-X POST -d '{\"n\":1}'") == 0);
  REQUIRE(fx.curl("/other/page") == 0);         // no "/api/"
  REQUIRE(fx.curl("/api/skip-me") == 0);        // excluded
  REQUIRE(fx.curl("/api/put", "-X PUT") == 0);  // not a ticked method
  auto* requests = window->live()->requests();
  auto* list = requests->list();
  REQUIRE(wait_until([&] { return list->GetItemCount() == 2; }, 10000));
  testing::pump(300);
  CHECK(list->GetItemCount() == 2);
  CHECK(list->GetItemText(0, 0) == "GET");
  CHECK(list->GetItemText(0, 1) == fx.url("/api/users?id=1"));
  CHECK(list->GetItemText(0, 2) == "200");
  CHECK(list->GetItemText(1, 0) == "POST");
  CHECK(requests->pager_text().Contains("2 requests"));

  // The corner: the count and size grow with the events, the time runs.
  auto* bar = window->live()->bar();
  REQUIRE(wait_until([&] { return bar->summary().Contains("2 requests"); }, 5000));
  CHECK_FALSE(bar->summary().Contains(" 0 B"));
  const auto before = bar->summary();
  REQUIRE(wait_until([&] { return bar->summary() != before; }, 4000));

  // Search asks the runtime for matching URLs only.
  requests->search("ORDERS");
  REQUIRE(wait_until([&] { return !requests->loading(); }));
  CHECK(list->GetItemCount() == 1);
  CHECK(list->GetItemText(0, 1).Contains("/api/orders"));
  requests->search("");
  REQUIRE(wait_until([&] { return !requests->loading() && list->GetItemCount() == 2; }));

  // Selecting a row shows its headers and bodies.
  requests->select(0);
  REQUIRE(wait_until([&] { return requests->detail().Contains("Set-Cookie"); }, 5000));
  const auto detail = requests->detail();
  CHECK(has_header(detail, "X-Test: gui"));
  CHECK(has_header(detail, "{\"ok\":true}"));
  CHECK(has_header(detail, "GET " + fx.url("/api/users?id=1")));

  // Delete removes the row, and the exchange from the runtime's store.
  REQUIRE(press(requests->delete_button()));
  REQUIRE(wait_until([&] { return !requests->loading() && list->GetItemCount() == 1; }));
  CHECK(list->GetItemText(0, 0) == "POST");
  auto page = fx.capture().exchanges(session);
  REQUIRE(page);
  CHECK(page.value().total == 1);
  CHECK(requests->message().Contains("Deleted 1 request"));

  // Pause: the state shows it, and a request now is not captured. Resume, then Stop.
  REQUIRE(press(bar->pause_button()));
  REQUIRE(wait_until([&] { return !bar->busy(); }));
  CHECK(bar->session()->state == cc::SessionState::paused);
  CHECK(fx.capture().capture_status().value().session->state == cc::SessionState::paused);
  CHECK_FALSE(bar->pause_button()->IsEnabled());
  CHECK(bar->resume_button()->IsEnabled());
  REQUIRE(fx.curl("/api/while-paused") == 0);
  testing::pump(500);
  CHECK(list->GetItemCount() == 1);
  REQUIRE(press(bar->resume_button()));
  REQUIRE(wait_until([&] { return !bar->busy(); }));
  CHECK(bar->session()->state == cc::SessionState::running);
  REQUIRE(press(bar->stop_button()));
  REQUIRE(wait_until([&] { return !bar->busy() && window->settled(); }));
  CHECK(bar->session()->state == cc::SessionState::stopped);
  CHECK_FALSE(fx.capture().capture_status().value().session);
  CHECK(bar->new_button()->IsShown());
  CHECK_FALSE(bar->stop_button()->IsEnabled());

  // The stopped session is in the History; New capture goes back to the form.
  REQUIRE(wait_until([&] { return window->history()->sessions().size() == 1; }));
  REQUIRE(press(bar->new_button()));
  CHECK_FALSE(window->showing_live());
  CHECK(setup->url_field()->GetValue() == "/api/");
  window->Destroy();
  testing::pump(50);
}

TEST_CASE(
    "the capture window follows a session started elsewhere, and survives being closed "
    "with calls in flight",
    "[gui][capture][live]") {
  CaptureFixture fx;
  auto* window = new gui::CaptureWindow(nullptr, fx.run_dir, fx.prompts());
  window->Show();
  REQUIRE(wait_until([&] { return window->settled(); }, 20000));
  auto started = fx.capture().start(std::string("from the CLI"));
  REQUIRE(started);
  REQUIRE(wait_until([&] { return window->showing_live(); }, 5000));
  CHECK(window->live()->session_id() == started.value().id);
  // Calls queued, then the window goes: nothing arrives at the dead panels.
  window->history()->reload();
  window->live()->reload();
  window->Destroy();
  testing::pump(500);
  CHECK(fx.capture().stop());
}

TEST_CASE("the capture window says when the runtime is not running", "[gui][capture]") {
  testing::TempDir home;
  auto* window = new gui::CaptureWindow(nullptr, home / "run");
  window->Show();
  REQUIRE(wait_until(
      [&] { return window->GetStatusBar()->GetStatusText().Contains("Not connected"); }, 10000));
  CHECK_FALSE(window->connected());
  gui::CaptureWindow::open(nullptr, home / "run");  // raises the one open: no second window
  int windows = 0;
  for (auto* top : wxTopLevelWindows)
    windows += dynamic_cast<gui::CaptureWindow*>(top) && !top->IsBeingDeleted();
  CHECK(windows == 1);
  press(window->setup()->start_button());
  REQUIRE(wait_until([&] { return !window->setup()->starting(); }));
  CHECK(window->setup()->problem().Contains("runtime"));
  window->Destroy();
  testing::pump(50);
}

TEST_CASE("the capture window warns, with the fix, when a full disk stops requests being saved",
          "[gui][capture][disk]") {
  INFO("the runtime's data folder is a tmpfs in a private mount namespace: this needs root");
  REQUIRE(::geteuid() == 0);
  CaptureFixture fx(4 * 1024 * 1024);  // 4 MiB for capture.db, its WAL and body spools
  const std::string body(256 * 1024, 'x');
  LoopbackHttpServer big("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  auto* window = new gui::CaptureWindow(nullptr, fx.run_dir, fx.prompts());
  DestroyAtEnd first{window};
  window->Show();
  REQUIRE(wait_until([&] { return window->settled(); }, 20000));
  auto* banner = window->storage_banner();
  CHECK_FALSE(banner->IsShown());
  REQUIRE(fx.capture().start(std::string("fills the disk")));
  REQUIRE(wait_until([&] { return window->showing_live(); }, 5000));

  // 256 KiB answers through the proxy until the store reports the disk full (16 fill 4 MiB).
  // The window hears it from `event: storage`, without asking. Right at the limit a small batch
  // can still fit after one failed, so "ok" may flip back (docs/store.md): the warning is read
  // the moment it shows.
  const std::string curl = "curl -s -o /dev/null --max-time 10 --noproxy '' -x http://" + fx.proxy +
                           " 'http://" + big.authority() + "/big/";
  wxString warned;
  auto note_warning = [&] {
    if (warned.empty() && banner->warning()) warned = banner->message();
    return !warned.empty();
  };
  for (int n = 0; n < 40 && !note_warning(); ++n) {
    REQUIRE(std::system((curl + std::to_string(n) + "'").c_str()) == 0);  // answered all the same
    testing::pump(20);
  }
  REQUIRE(wait_until(note_warning, 10000));
  CHECK(warned.Contains("not being saved"));
  CHECK(warned.Contains("To fix it: free disk space"));
  CHECK(warned.Contains("could not be saved since the runtime started"));
  auto status = fx.capture().capture_status();
  REQUIRE(status);
  CHECK(status.value().storage.not_stored > 0);
  REQUIRE(status.value().storage.last_error);
  CHECK(status.value().storage.last_error->code == "DISK_FULL");

  // A window opened later reads it from GET /v1/capture, and says what the runtime says now:
  // the warning while saving fails, else what was lost.
  auto* later = new gui::CaptureWindow(nullptr, fx.run_dir, fx.prompts());
  DestroyAtEnd second{later};
  later->Show();
  REQUIRE(wait_until([&] { return later->settled(); }, 20000));
  auto* shown = later->storage_banner();
  REQUIRE(wait_until(
      [&] {
        auto now = fx.capture().capture_status();
        return now && shown->IsShown() && shown->warning() == !now.value().storage.ok;
      },
      10000));
  CHECK(shown->message().Contains("could not be saved"));
}
