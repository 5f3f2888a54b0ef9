// The History against a real runtime: a stopped session is listed with its facts and opens with
// its Overview aggregates, Requests and Cookies; rename, export HAR and collection, and delete
// go through the runtime.
#include "wizard/gui/capture/history_panel.hpp"

#include <wx/frame.h>

#include <nlohmann/json.hpp>

#include "capture_fixture.hpp"
#include "support/file_text.hpp"

using namespace postern;
using testing::CaptureFixture;
using testing::wait_until;
namespace cc = postern::control_client;

TEST_CASE("the History lists, opens, renames, exports and deletes a stopped session",
          "[gui][capture][live]") {
  CaptureFixture fx;
  auto session = fx.capture().start(std::string("history one"));
  REQUIRE(session);
  const auto id = session.value().id;
  REQUIRE(fx.curl("/api/a") == 0);
  REQUIRE(fx.curl("/api/b", "-X POST -d x=1") == 0);
  REQUIRE(fx.stored(id, 2));
  REQUIRE(fx.capture().stop());

  auto* frame = new wxFrame(nullptr, wxID_ANY, "history", wxDefaultPosition, wxSize(1000, 700));
  gui::CaptureService service(frame, fx.run_dir);
  auto prompts = fx.prompts();
  auto* panel = new gui::HistoryPanel(frame, service, prompts);
  frame->Show();
  panel->reload();
  REQUIRE(wait_until([&] { return !panel->loading() && panel->sessions().size() == 1; }));
  auto* list = panel->list();
  CHECK(list->GetItemText(0, 0) == "history one");
  CHECK(list->GetItemText(0, 4) == "2");
  CHECK(list->GetItemText(0, 5) == "proxy");
  CHECK(list->GetItemText(0, 6) == "Stopped");

  // Opening: the header's facts, the Overview's aggregates, the requests with their pager.
  panel->open(id);
  REQUIRE(wait_until([&] { return panel->view()->session() && !panel->loading(); }));
  auto* view = panel->view();
  CHECK(view->header().Contains("history one"));
  CHECK(view->header().Contains("2 requests"));
  CHECK(view->header().Contains("proxy"));
  auto* overview = view->overview();
  CHECK(overview->total_text().Contains("2 requests"));
  REQUIRE(overview->by_method()->bars().size() == 2);
  CHECK(overview->by_status()->bars().at(0).key == "200");
  CHECK(overview->by_status()->bars().at(0).count == 2);
  CHECK(overview->by_domain()->bars().at(0).key.find("127.0.0.1") != std::string::npos);
  CHECK_FALSE(overview->by_data_mode()->bars().empty());
  CHECK(view->requests()->list()->GetItemCount() == 2);
  CHECK(view->requests()->pager_text().Contains("Page 1 of 1"));

  // Rename.
  fx.text_answer = wxString("renamed session");
  panel->rename_selected();
  REQUIRE(wait_until(
      [&] { return !panel->loading() && list->GetItemText(0, 0) == "renamed session"; }));
  CHECK(fx.capture().session(id).value().name == "renamed session");
  CHECK(view->header().Contains("renamed session"));

  // Export HAR: a JSON document with both entries.
  const auto har = fx.home / "out.har";
  fx.path_answer = wxString(har.string());
  panel->export_selected(cc::ExportFormat::har);
  REQUIRE(wait_until([&] { return !panel->loading() && panel->message().Contains("Wrote"); }));
  const auto document = nlohmann::json::parse(testing::file_text(har));
  CHECK(document.at("log").at("entries").size() == 2);

  // Export a collection, in folders by domain.
  const auto collection = fx.home / "out.json";
  fx.path_answer = wxString(collection.string());
  panel->folders()->SetSelection(1);
  panel->export_selected(cc::ExportFormat::collection);
  REQUIRE(wait_until([&] { return !panel->loading() && panel->message().Contains("out.json"); }));
  CHECK(nlohmann::json::parse(testing::file_text(collection)).contains("info"));

  // Delete: declined keeps it, confirmed removes it from the runtime and the view.
  fx.confirm_answer = false;
  panel->delete_selected();
  CHECK(panel->sessions().size() == 1);
  fx.confirm_answer = true;
  panel->delete_selected();
  REQUIRE(wait_until([&] { return !panel->loading() && panel->sessions().empty(); }));
  CHECK(fx.capture().sessions().value().empty());
  CHECK_FALSE(view->session());
  frame->Destroy();
  testing::pump(50);
}
