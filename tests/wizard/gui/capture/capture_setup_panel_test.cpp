#include "wizard/gui/capture/capture_setup_panel.hpp"

#include "unit_frame.hpp"

using namespace postern;
namespace cc = postern::control_client;

TEST_CASE("the setup form reads its fields, refuses a relative collection path, shows the proxy",
          "[gui][capture]") {
  testing::UnitFrame unit;
  gui::CapturePrompts prompts;
  prompts.save_path = [](wxWindow*, const wxString&, const wxString&, const wxString&) {
    return std::optional<wxString>("/tmp/picked.json");
  };
  std::optional<cc::Session> started;
  auto* panel = new gui::CaptureSetupPanel(unit.frame, unit.service, prompts,
                                           [&](const cc::Session& s) { started = s; });
  unit.frame->Layout();
  auto defaults = panel->form();
  CHECK(defaults.save_responses);
  CHECK(defaults.save_to_history);
  CHECK_FALSE(defaults.capture_cookies);
  CHECK(defaults.methods.empty());

  gui::CaptureForm form;
  form.url = "x";
  form.url_is_regex = true;
  form.methods = {"DELETE"};
  form.to_collection = true;
  form.collection_path = "relative.json";
  panel->set_form(form);
  CHECK(panel->form().url_is_regex);
  CHECK(panel->method_box("DELETE")->GetValue());
  panel->start();
  CHECK(panel->problem().Contains("full path"));
  CHECK_FALSE(panel->starting());

  // With a good path the runtime is asked, and its absence is said under the form.
  form.collection_path = "/tmp/c.json";
  panel->set_form(form);
  panel->start();
  CHECK(panel->starting());
  REQUIRE(testing::wait_until([&] { return !panel->starting(); }, 10000));
  CHECK_FALSE(panel->problem().empty());
  CHECK_FALSE(started);

  cc::RuntimeStatus status;
  status.proxy = cc::ProxyStatus{};
  status.proxy->addresses = {"127.0.0.1:5555"};
  panel->show_runtime(status);
  CHECK(panel->problem().empty());
  bool found = false;
  for (auto* child : panel->GetChildren())
    for (auto* grandchild : child->GetChildren())
      found |= grandchild->GetLabel().Contains("127.0.0.1:5555");
  CHECK(found);
}
