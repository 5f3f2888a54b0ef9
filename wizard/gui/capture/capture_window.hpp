#pragma once
// The capture window (issue 5 §2, Postman's "Capture requests and cookies"): a Capture tab that
// is first the setup form and, once a session starts, the live view (Requests, Cookies, the
// session bar), and a History tab of stored sessions. It talks to the runtime only through
// CaptureService: calls on a background thread, the live event stream on another, results on
// the UI thread. When the stream (re)connects it reloads everything shown, since events sent
// while it was down are lost; the status bar says whether it is connected. A banner above the
// tabs says when captured requests cannot be saved (a full disk).

#include <wx/frame.h>
#include <wx/notebook.h>
#include <wx/simplebook.h>

#include <filesystem>
#include <memory>

#include "wizard/gui/capture/capture_prompts.hpp"
#include "wizard/gui/capture/capture_setup_panel.hpp"
#include "wizard/gui/capture/history_panel.hpp"
#include "wizard/gui/capture/live_panel.hpp"
#include "wizard/gui/capture/storage_banner.hpp"

namespace postern::gui {

/// The capture window for the runtime whose folder is `runtime_dir`.
class CaptureWindow final : public wxFrame {
 public:
  CaptureWindow(wxWindow* parent, const std::filesystem::path& runtime_dir,
                CapturePrompts prompts = dialog_prompts());
  ~CaptureWindow() override;

  /// Raises the capture window already open, or opens one (child of `parent`, so it closes
  /// with the main window).
  static CaptureWindow* open(wxWindow* parent, const std::filesystem::path& runtime_dir);

  /// The questions it asks (tests and the tour answer them).
  CapturePrompts& prompts() { return prompts_; }
  /// The form, the live view and the history.
  CaptureSetupPanel* setup() const { return setup_; }
  LivePanel* live() const { return live_; }
  HistoryPanel* history() const { return history_; }
  wxNotebook* tabs() const { return tabs_; }
  /// The strip that says when captured requests cannot be saved (a full disk).
  StorageBanner* storage_banner() const { return storage_; }
  /// True when the Capture tab shows the live view.
  bool showing_live() const { return capture_book_->GetSelection() == 1; }
  /// Whether the event stream is up.
  bool connected() const { return connected_; }
  /// Connected, and no call or page load is on its way (the tour waits for this).
  bool settled() const;
  /// Back to the form for another session (the session bar's New capture).
  void show_setup();

 private:
  void on_event(const control_client::ControlEvent& event);
  void on_status(const control_client::StreamStatus& status);
  void reload_all();
  void on_started(const control_client::Session& session);
  void on_session(const control_client::Session& session);
  void show_live(const control_client::Session& session);

  CapturePrompts prompts_;
  std::unique_ptr<CaptureService> service_;
  wxNotebook* tabs_ = nullptr;
  wxSimplebook* capture_book_ = nullptr;
  CaptureSetupPanel* setup_ = nullptr;
  LivePanel* live_ = nullptr;
  HistoryPanel* history_ = nullptr;
  StorageBanner* storage_ = nullptr;
  bool connected_ = false;
};

}  // namespace postern::gui
