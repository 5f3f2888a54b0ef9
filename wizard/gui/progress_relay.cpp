#include "wizard/gui/progress_relay.hpp"

#include <wx/app.h>

namespace postern::gui {

void ProgressRelay::post(ProgressEvent event) {
  if (!wxTheApp) return;
  // CallAfter queues an event (thread-safe); the lambda runs on the UI thread, where it reads
  // the sink current at delivery, so a page that went away in between gets nothing.
  wxTheApp->CallAfter([weak = std::weak_ptr<Sink>(sink_), event = std::move(event)] {
    auto sink = weak.lock();
    if (sink && *sink) (*sink)(event);
  });
}

void ProgressRelay::step_started(std::string_view what, std::string_view target) {
  post({ProgressEvent::Kind::started, std::string(what), std::string(target), {}});
}

void ProgressRelay::step_finished(const base::Outcome& outcome) {
  post({ProgressEvent::Kind::finished, {}, {}, outcome});
}

void ProgressRelay::detail(std::string_view line) {
  post({ProgressEvent::Kind::detail, std::string(line), {}, {}});
}

}  // namespace postern::gui
