#include "wizard/gui/progress_relay.hpp"

#include <thread>

#include "gui_fixture.hpp"

using namespace postern;

TEST_CASE("the relay delivers a worker thread's progress on the UI thread, in order",
          "[gui][relay]") {
  gui::ProgressRelay relay;
  std::vector<std::string> seen;
  const auto ui_thread = std::this_thread::get_id();
  bool on_ui = true;
  relay.set_sink([&](const gui::ProgressEvent& event) {
    on_ui = on_ui && std::this_thread::get_id() == ui_thread;
    seen.push_back(event.kind == gui::ProgressEvent::Kind::finished
                       ? "finished:" + event.outcome.cause
                       : event.what);
  });
  std::thread worker([&] {
    relay.step_started("copy", "/t");
    relay.detail("line");
    relay.step_finished(base::done("s", "/t", "ok"));
  });
  worker.join();
  CHECK(seen.empty());  // nothing until the event loop runs
  testing::pump(50);
  CHECK(seen == std::vector<std::string>{"copy", "line", "finished:ok"});
  CHECK(on_ui);
}

TEST_CASE("events queued for a relay that is gone are dropped", "[gui][relay]") {
  int delivered = 0;
  {
    gui::ProgressRelay relay;
    relay.set_sink([&](const gui::ProgressEvent&) { ++delivered; });
    relay.detail("queued");
  }
  testing::pump(50);
  CHECK(delivered == 0);
}
