#include "wizard/gui/capture/capture_service.hpp"

#include <wx/app.h>

namespace postern::gui {

namespace cc = control_client;

void UiPost::operator()(std::function<void()> fn) const {
  // CallAfter queues thread-safely; only the shared_ptr's count is touched off the UI thread.
  wxTheApp->CallAfter([owner = owner_, fn = std::move(fn)] {
    if (*owner) fn();
  });
}

CaptureService::CaptureService(wxWindow* owner, std::filesystem::path runtime_dir)
    : runtime_dir_(std::move(runtime_dir)), post_(owner) {}

CaptureService::~CaptureService() {
  stream_.reset();  // no callback runs after this
}

void CaptureService::listen(EventSink on_event, StatusSink on_status) {
  cc::EventStreamOptions options;
  options.runtime_dir = runtime_dir_;
  // Events and states keep their order: both go through the one UI event queue.
  auto event = [post = post_, sink = std::move(on_event)](const cc::ControlEvent& e) {
    post([sink, e] { sink(e); });
  };
  auto status = [post = post_, sink = std::move(on_status)](const cc::StreamStatus& s) {
    post([sink, s] { sink(s); });
  };
  stream_ = std::make_unique<cc::EventStream>(options, std::move(event), std::move(status));
}

}  // namespace postern::gui
