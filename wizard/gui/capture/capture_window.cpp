#include "wizard/gui/capture/capture_window.hpp"

#include <wx/sizer.h>

#include "wizard/gui/capture/capture_strings.hpp"

namespace postern::gui {

namespace cc = control_client;

namespace {

// Big enough for the form and a useful table at 100% and 200% (a 1280x800 logical screen).
const wxSize kInitialSize(1000, 720);

}  // namespace

CaptureWindow::CaptureWindow(wxWindow* parent, const std::filesystem::path& runtime_dir,
                             CapturePrompts prompts)
    : wxFrame(parent, wxID_ANY, text::capture_title()),
      prompts_(std::move(prompts)),
      service_(std::make_unique<CaptureService>(this, runtime_dir)) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  tabs_ = new wxNotebook(this, wxID_ANY);
  capture_book_ = new wxSimplebook(tabs_);
  setup_ = new CaptureSetupPanel(capture_book_, *service_, prompts_,
                                 [this](const cc::Session& session) { on_started(session); });
  live_ = new LivePanel(
      capture_book_, *service_, [this](const cc::Session& session) { on_session(session); },
      [this] { show_setup(); });
  capture_book_->AddPage(setup_, wxString());
  capture_book_->AddPage(live_, wxString());
  history_ = new HistoryPanel(tabs_, *service_, prompts_);
  tabs_->AddPage(capture_book_, text::tab_capture());
  tabs_->AddPage(history_, text::tab_history());
  storage_ = new StorageBanner(this);
  sizer->Add(storage_, 0, wxEXPAND);
  sizer->Add(tabs_, 1, wxEXPAND);
  SetSizer(sizer);
  CreateStatusBar();
  SetStatusText(text::capture_connecting());
  SetMinClientSize(FromDIP(wxSize(760, 560)));
  wxSize size = FromDIP(kInitialSize);
  size.IncTo(GetBestSize());
  SetSize(size);
  service_->listen([this](const cc::ControlEvent& event) { on_event(event); },
                   [this](const cc::StreamStatus& status) { on_status(status); });
}

CaptureWindow::~CaptureWindow() {
  // Stop the stream and the calls before the panels they report to go.
  service_.reset();
}

CaptureWindow* CaptureWindow::open(wxWindow* parent, const std::filesystem::path& runtime_dir) {
  for (auto* window : wxTopLevelWindows)
    if (auto* open = dynamic_cast<CaptureWindow*>(window); open && !open->IsBeingDeleted()) {
      open->Show();
      open->Raise();
      return open;
    }
  auto* window = new CaptureWindow(parent, runtime_dir);
  window->CentreOnScreen();
  window->Show();
  return window;
}

bool CaptureWindow::settled() const {
  return connected_ && service_->pending() == 0 && !setup_->starting() && !live_->loading() &&
         !history_->loading();
}

void CaptureWindow::on_status(const cc::StreamStatus& status) {
  switch (status.kind) {
    case cc::StreamStatus::Kind::connected:
      connected_ = true;
      SetStatusText(text::capture_connected());
      reload_all();
      break;
    case cc::StreamStatus::Kind::disconnected:
      connected_ = false;
      SetStatusText(text::capture_disconnected(wxString::FromUTF8(status.message)));
      break;
    case cc::StreamStatus::Kind::bad_event:
      break;  // one unreadable event: the next reload or event puts things right
  }
}

void CaptureWindow::on_event(const cc::ControlEvent& event) {
  if (const auto* exchange = std::get_if<cc::ExchangeEvent>(&event)) {
    live_->add_exchange(exchange->exchange);
  } else if (const auto* changed = std::get_if<cc::SessionEvent>(&event)) {
    on_session(changed->session);
  } else if (const auto* storage = std::get_if<cc::StorageEvent>(&event)) {
    storage_->show(storage->storage);
  } else if (std::holds_alternative<cc::DroppedEvent>(event)) {
    reload_all();
  }
}

void CaptureWindow::reload_all() {
  service_->call<cc::RuntimeStatus>(
      [](ControlApis& apis) { return apis.capture.runtime_status(); },
      [this](cc::CallResult<cc::RuntimeStatus> status) { setup_->show_runtime(status); });
  service_->call<cc::CaptureStatus>(
      [](ControlApis& apis) { return apis.capture.capture_status(); },
      [this](cc::CallResult<cc::CaptureStatus> status) {
        if (!status) return;
        storage_->show(status.value().storage);
        if (status.value().session && status.value().session->id != live_->session_id())
          show_live(*status.value().session);
        else
          live_->reload();
      });
  history_->reload();
}

void CaptureWindow::on_started(const cc::Session& session) {
  show_live(session);
  history_->reload();
}

void CaptureWindow::show_live(const cc::Session& session) {
  live_->attach(session);
  capture_book_->SetSelection(1);
  live_->requests()->SetFocus();
}

void CaptureWindow::on_session(const cc::Session& session) {
  const bool ours = live_->session_id() == session.id;
  if (ours)
    live_->update(session);
  else if (session.state != cc::SessionState::stopped)
    show_live(session);  // started elsewhere (the CLI): follow it
  if (session.state == cc::SessionState::stopped || !ours) history_->reload();
}

void CaptureWindow::show_setup() {
  if (const auto& session = live_->bar()->session())
    setup_->set_form(capture_form_from(session->options));
  capture_book_->SetSelection(0);
  setup_->start_button()->SetFocus();
}

}  // namespace postern::gui
