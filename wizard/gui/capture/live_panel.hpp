#pragma once
// The running session: its name, the live Requests and Cookies tabs, and the session bar in the
// corner. Events for this session feed the table, the cookie list and the bar.

#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <optional>

#include "wizard/gui/capture/cookies_panel.hpp"
#include "wizard/gui/capture/requests_panel.hpp"
#include "wizard/gui/capture/session_bar.hpp"

namespace postern::gui {

/// The live view of the active (or just stopped) session.
class LivePanel final : public wxPanel {
 public:
  LivePanel(wxWindow* parent, CaptureService& service, SessionBar::Changed on_changed,
            std::function<void()> on_new_capture);

  /// Shows `session` from scratch: its stored exchanges and cookies, then the live ones.
  void attach(const control_client::Session& session);
  /// The session changed (paused, renamed, stopped...).
  void update(const control_client::Session& session);
  /// An exchange event; ignored unless it belongs to the session shown.
  void add_exchange(const control_client::ExchangeSummary& exchange);
  /// Fetches the table and the cookies again (the event stream reconnected or fell behind).
  void reload();

  std::optional<std::int64_t> session_id() const;
  bool loading() const { return requests_->loading() || cookies_->loading() || bar_->busy(); }
  wxNotebook* tabs() const { return tabs_; }
  RequestsPanel* requests() const { return requests_; }
  CookiesPanel* cookies() const { return cookies_; }
  SessionBar* bar() const { return bar_; }
  wxString title() const { return name_->GetLabel(); }

 private:
  wxStaticText* name_ = nullptr;
  wxNotebook* tabs_ = nullptr;
  RequestsPanel* requests_ = nullptr;
  CookiesPanel* cookies_ = nullptr;
  SessionBar* bar_ = nullptr;
};

}  // namespace postern::gui
