#pragma once
// A session opened from the History: its name and facts (start, duration, requests, size,
// source) at the top, then the Overview graphs, its Requests and its Cookies in tabs.

#include <wx/notebook.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <optional>

#include "wizard/gui/capture/cookies_panel.hpp"
#include "wizard/gui/capture/overview_panel.hpp"
#include "wizard/gui/capture/requests_panel.hpp"

namespace postern::gui {

/// One stored session, in full.
class SessionView final : public wxPanel {
 public:
  SessionView(wxWindow* parent, CaptureService& service);

  /// Shows `session` (none: nothing opened).
  void show(const std::optional<control_client::Session>& session);
  /// Updates the header only (a rename).
  void show_header(const control_client::Session& session);

  const std::optional<control_client::Session>& session() const { return session_; }
  bool loading() const;
  wxString header() const { return name_->GetLabel() + "\n" + facts_->GetLabel(); }
  wxNotebook* tabs() const { return tabs_; }
  OverviewPanel* overview() const { return overview_; }
  RequestsPanel* requests() const { return requests_; }
  CookiesPanel* cookies() const { return cookies_; }

 private:
  wxStaticText* name_ = nullptr;
  wxStaticText* facts_ = nullptr;
  wxNotebook* tabs_ = nullptr;
  OverviewPanel* overview_ = nullptr;
  RequestsPanel* requests_ = nullptr;
  CookiesPanel* cookies_ = nullptr;
  std::optional<control_client::Session> session_;
};

}  // namespace postern::gui
