#pragma once
// The Requests tab, live and in the history: a search box, the table of one session's exchanges
// a page at a time (the runtime searches and pages), a detail pane with the selected exchange's
// headers and bodies, and Delete. While a session runs, its exchanges arrive as events and
// append at once; a page fetched meanwhile keeps those it did not know of yet.

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/panel.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/timer.h>

#include <cstdint>
#include <optional>
#include <vector>

#include "wizard/gui/capture/capture_service.hpp"
#include "wizard/gui/capture/exchange_list.hpp"

namespace postern::gui {

/// One session's exchanges.
class RequestsPanel final : public wxPanel {
 public:
  RequestsPanel(wxWindow* parent, CaptureService& service);

  /// Shows session `id` from its first page (none: an empty table).
  void show_session(std::optional<std::int64_t> id);
  /// Fetches the current page again (the stream reconnected, or fell behind).
  void reload();
  /// An exchange captured into the session shown, from the event stream.
  void add_live(const control_client::ExchangeSummary& exchange);
  /// Searches for `text` (as typing it into the search box does, without the typing pause).
  void search(const wxString& text);
  /// Deletes the selected exchanges from the runtime's store, then from the table.
  void delete_selected();
  /// Selects row `index` only and shows its detail (the tour; keyboard users use the list).
  void select(long index);
  /// Goes to page `page` (from 1).
  void go_to(std::int64_t page);

  /// True while a page, a detail or a delete is on its way.
  bool loading() const { return fetching_ || detail_pending_ || deleting_; }
  ExchangeList* list() const { return list_; }
  wxButton* delete_button() const { return delete_; }
  wxString detail() const { return detail_->GetValue(); }
  wxString pager_text() const { return pager_->GetLabel(); }
  wxString message() const { return message_->GetLabel(); }
  std::int64_t total() const { return total_; }
  std::int64_t pages() const;
  std::optional<std::int64_t> session() const { return session_; }

 private:
  wxSizer* make_top_row();
  wxSizer* make_pager();
  void fetch();
  void show_page(const control_client::ExchangePage& page);
  void on_selected();
  void show_detail(std::int64_t id);
  void update_pager();
  void show_message(const wxString& text);
  std::string search_text() const;
  bool on_last_page() const { return page_ >= pages(); }

  CaptureService& service_;
  wxSearchCtrl* search_ = nullptr;
  wxButton* delete_ = nullptr;
  ExchangeList* list_ = nullptr;
  wxTextCtrl* detail_ = nullptr;
  wxButton* previous_ = nullptr;
  wxButton* next_ = nullptr;
  wxChoice* per_page_ = nullptr;
  wxStaticText* pager_ = nullptr;
  wxStaticText* message_ = nullptr;
  wxTimer search_pause_;

  std::optional<std::int64_t> session_;
  std::int64_t page_ = 1;
  std::int64_t total_ = 0;
  std::uint64_t generation_ = 0;  ///< bumped per fetch: an older page that arrives late is dropped
  bool fetching_ = false;
  std::vector<control_client::ExchangeSummary> arrived_while_fetching_;
  std::optional<std::int64_t> detail_shown_;
  bool detail_pending_ = false;
  bool deleting_ = false;
};

}  // namespace postern::gui
