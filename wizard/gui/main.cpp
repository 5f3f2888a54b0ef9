// postern-wizard: the first-time setup wizard and the main window with its actions. It parses
// its arguments, builds the engine for this user, and opens the wizard when nothing is installed
// yet (or when asked with --setup). Exit codes: 0 normal, 1 no engine, 2/3 a --tour that failed.
#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/msgdlg.h>

#include <cstdio>
#include <memory>

#include "registry/registrar.hpp"
#include "wizard/gui/main_frame.hpp"
#include "wizard/gui/strings.hpp"
#include "wizard/gui/tour.hpp"

namespace postern::gui {

namespace {

// A headless run must never hang on the default assert dialog (recipe wx-gui §6).
void print_assert(const wxString& file, int line, const wxString& func, const wxString& cond,
                  const wxString& msg) {
  std::fprintf(stderr, "postern-wizard: wx assert %s:%d %s: %s %s\n", file.utf8_str().data(), line,
               func.utf8_str().data(), cond.utf8_str().data(), msg.utf8_str().data());
}

std::vector<std::string> split(const wxString& list) {
  std::vector<std::string> items;
  for (const auto& item : wxSplit(list, ','))
    if (!item.empty()) items.push_back(item.utf8_string());
  return items;
}

class WizardApp final : public wxApp {
 public:
  bool OnInit() override;
  int OnExit() override;
  int OnRun() override {
    const int code = wxApp::OnRun();
    return exit_code_ != 0 ? exit_code_ : code;
  }
  void OnInitCmdLine(wxCmdLineParser& parser) override;
  bool OnCmdLineParsed(wxCmdLineParser& parser) override;

 private:
  Presets presets_;
  bool open_setup_ = false;
  wxString tour_dir_;
  int exit_code_ = 0;
  std::unique_ptr<ProgressRelay> relay_;
  std::unique_ptr<setup::Engine> engine_;
  std::unique_ptr<Worker> worker_;
  std::unique_ptr<WizardContext> context_;
  std::unique_ptr<Tour> tour_;
};

void WizardApp::OnInitCmdLine(wxCmdLineParser& parser) {
  wxApp::OnInitCmdLine(parser);
  parser.AddOption("", "browsers", "browser ids to preselect, comma-separated");
  parser.AddOption("", "ca-stores", "trust stores to preselect, comma-separated, or none");
  parser.AddOption("", "port", "the proxy port to preselect", wxCMD_LINE_VAL_NUMBER);
  parser.AddSwitch("", "lan", "preselect LAN capture");
  parser.AddSwitch("", "setup", "open the setup wizard at once");
  parser.AddOption("", "tour", "walk every window and save screenshots into this folder");
}

bool WizardApp::OnCmdLineParsed(wxCmdLineParser& parser) {
  wxString value;
  if (parser.Found("browsers", &value)) presets_.browsers = split(value);
  if (parser.Found("ca-stores", &value))
    presets_.ca_stores = value == "none" ? std::vector<std::string>{} : split(value);
  long port = 0;
  if (parser.Found("port", &port)) {
    if (port < 1 || port > 65535) {
      std::fprintf(stderr, "postern-wizard: --port takes 1 to 65535\n");
      return false;
    }
    presets_.proxy_port = static_cast<std::uint16_t>(port);
  }
  presets_.lan = parser.Found("lan");
  open_setup_ = parser.Found("setup");
  parser.Found("tour", &tour_dir_);
  return wxApp::OnCmdLineParsed(parser);
}

bool WizardApp::OnInit() {
  wxSetAssertHandler(print_assert);
  if (!wxApp::OnInit()) return false;
  relay_ = std::make_unique<ProgressRelay>();
  auto engine = setup::make_user_engine(*relay_);
  if (!engine) {
    wxMessageBox(wxString::FromUTF8(engine.error().message + "\n" + engine.error().remedy),
                 text::app_title(), wxOK | wxICON_ERROR);
    return false;
  }
  engine_ = std::move(engine.value());
  worker_ = std::make_unique<Worker>();
  context_ = std::make_unique<WizardContext>(WizardContext{*engine_, *relay_, *worker_, presets_});
  auto* frame = new MainFrame(*context_);
  frame->Show();
  if (!tour_dir_.empty()) {
    tour_ = std::make_unique<Tour>(*frame, *context_, import_shooter(tour_dir_.utf8_string()),
                                   [this, frame](int code) {
                                     exit_code_ = code;
                                     frame->Close(true);
                                   });
    tour_->start();
    return true;
  }
  // First run: straight into setup. Later runs open on the actions. (One stat, not the survey:
  // that probes trust stores and the runtime, which is the worker's job.)
  if (open_setup_ || !registry::is_host_executable(setup::installed_bridge_path(engine_->paths())))
    frame->open_wizard();
  return true;
}

int WizardApp::OnExit() {
  tour_.reset();
  worker_.reset();  // joins a running job before the engine it uses goes away
  context_.reset();
  engine_.reset();
  relay_.reset();
  return wxApp::OnExit();
}

}  // namespace

}  // namespace postern::gui

// The macro defines wxGetApp(), which nothing here calls: clang warns about it, GCC does not.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunused-function"
#endif
wxIMPLEMENT_APP(postern::gui::WizardApp);
#if defined(__clang__)
#pragma clang diagnostic pop
#endif
