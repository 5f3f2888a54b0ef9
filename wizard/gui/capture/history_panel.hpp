#pragma once
// The History: every stored session (name, start, duration, size, requests, source, state),
// newest first, and for the selected one Rename, Delete and Export as HAR or as a Postman
// collection (folders by domain and/or endpoint), with the session opened underneath.

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/listctrl.h>
#include <wx/panel.h>
#include <wx/stattext.h>

#include <optional>
#include <vector>

#include "wizard/gui/capture/capture_prompts.hpp"
#include "wizard/gui/capture/session_view.hpp"

namespace postern::gui {

/// Stored sessions and what can be done with them.
class HistoryPanel final : public wxPanel {
 public:
  HistoryPanel(wxWindow* parent, CaptureService& service, const CapturePrompts& prompts);

  /// Fetches the list again, keeping the selection.
  void reload();
  /// Selects and opens session `id` (once the list has it).
  void open(std::int64_t id);
  /// The selected session's actions; each asks through the prompts first.
  void rename_selected();
  void delete_selected();
  void export_selected(control_client::ExportFormat format);

  bool loading() const { return loading_ || acting_ || view_->loading(); }
  const std::vector<control_client::Session>& sessions() const { return sessions_; }
  wxListCtrl* list() const { return list_; }
  SessionView* view() const { return view_; }
  wxChoice* folders() const { return folders_; }
  wxString message() const { return message_->GetLabel(); }

 private:
  wxSizer* make_actions(wxWindow* parent);
  void show_sessions(std::vector<control_client::Session> sessions);
  std::optional<control_client::Session> selected() const;
  void on_selected();
  void show_message(const wxString& text);
  void sync_buttons();

  CaptureService& service_;
  const CapturePrompts& prompts_;
  wxListCtrl* list_ = nullptr;
  wxButton* rename_ = nullptr;
  wxButton* delete_ = nullptr;
  wxButton* export_har_ = nullptr;
  wxButton* export_collection_ = nullptr;
  wxButton* refresh_ = nullptr;
  wxChoice* folders_ = nullptr;
  wxStaticText* message_ = nullptr;
  SessionView* view_ = nullptr;
  std::vector<control_client::Session> sessions_;
  std::optional<std::int64_t> wanted_;  ///< open this one when the list has it
  std::uint64_t generation_ = 0;
  bool loading_ = false;
  bool acting_ = false;
};

}  // namespace postern::gui
