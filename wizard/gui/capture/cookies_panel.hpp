#pragma once
// The Cookies tab: the Cookie and Set-Cookie lines a session recorded (with "Capture cookies"
// on), Add to cookie jar (the selected lines, or all), and Delete from jar (the cookies the
// selected Set-Cookie lines name). While a session runs it reloads shortly after new exchanges.

#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "wizard/gui/capture/capture_service.hpp"

namespace postern::gui {

/// One session's recorded cookies.
class CookiesPanel final : public wxPanel {
 public:
  CookiesPanel(wxWindow* parent, CaptureService& service);

  /// Shows session `id`'s cookies (none: an empty list).
  void show_session(std::optional<std::int64_t> id);
  /// Fetches the list again.
  void reload();
  /// Reloads in a moment: exchanges are still being committed when their events arrive.
  void reload_soon();
  /// Puts the selected lines' cookies (all when none is selected) into the runtime's jar.
  void add_to_jar();
  /// Deletes from the jar the cookies that the selected Set-Cookie lines name.
  void delete_from_jar();
  /// Selects row `index` only.
  void select_only(long index);

  bool loading() const { return loading_ || acting_; }
  wxListCtrl* list() const { return list_; }
  const std::vector<control_client::SessionCookie>& rows() const { return rows_; }
  wxString message() const { return message_->GetLabel(); }

 private:
  void show_rows(std::vector<control_client::SessionCookie> rows);
  std::vector<std::size_t> selected() const;
  void show_message(const wxString& text);

  CaptureService& service_;
  wxListCtrl* list_ = nullptr;
  wxButton* add_ = nullptr;
  wxButton* delete_ = nullptr;
  wxStaticText* message_ = nullptr;
  wxTimer reload_pause_;
  std::optional<std::int64_t> session_;
  std::vector<control_client::SessionCookie> rows_;
  std::uint64_t generation_ = 0;
  bool loading_ = false;
  bool acting_ = false;
};

/// The cookie names in a Cookie or Set-Cookie line ("a=1; b=2" has two; a Set-Cookie line one).
std::vector<std::string> cookie_names(const control_client::SessionCookie& line);

}  // namespace postern::gui
