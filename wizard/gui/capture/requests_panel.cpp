#include "wizard/gui/capture/requests_panel.hpp"

#include <wx/sizer.h>
#include <wx/splitter.h>

#include <algorithm>

#include "wizard/gui/capture/capture_format.hpp"
#include "wizard/gui/capture/capture_strings.hpp"

namespace postern::gui {

namespace cc = control_client;

namespace {

const int kPageSizes[] = {25, 50, 100, 250};
constexpr int kDefaultPageSize = 2;  // 100 a page
constexpr int kSearchPauseMs = 300;  // typing pauses this long before the runtime is asked

struct Deleted {
  std::vector<std::int64_t> ids;
  std::optional<cc::CallFailure> failure;  ///< the first delete that failed; the rest not tried
};

}  // namespace

RequestsPanel::RequestsPanel(wxWindow* parent, CaptureService& service)
    : wxPanel(parent), service_(service), search_pause_(this) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(make_top_row(), 0, wxALL | wxEXPAND, FromDIP(6));
  auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                     wxSP_LIVE_UPDATE | wxSP_3DSASH);
  list_ = new ExchangeList(split);
  detail_ = new wxTextCtrl(split, wxID_ANY, text::detail_pick(), wxDefaultPosition, wxDefaultSize,
                           wxTE_MULTILINE | wxTE_READONLY | wxTE_DONTWRAP);
  detail_->SetFont(wxFont(wxFontInfo().Family(wxFONTFAMILY_TELETYPE)));
  split->SetMinimumPaneSize(FromDIP(60));
  split->SetSashGravity(0.5);
  split->SplitHorizontally(list_, detail_, FromDIP(190));
  // The splitter is tiny when made; once it has its real height, the table gets two fifths and
  // the detail pane the rest (headers and bodies need the room).
  split->Bind(wxEVT_SIZE, [split, placed = false](wxSizeEvent& event) mutable {
    event.Skip();
    if (placed || event.GetSize().y < split->FromDIP(200)) return;
    placed = true;
    split->CallAfter([split] { split->SetSashPosition(split->GetClientSize().y * 2 / 5); });
  });
  sizer->Add(split, 1, wxLEFT | wxRIGHT | wxEXPAND, FromDIP(6));
  sizer->Add(make_pager(), 0, wxALL | wxEXPAND, FromDIP(6));
  SetSizer(sizer);

  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { on_selected(); });
  list_->Bind(wxEVT_LIST_KEY_DOWN, [this](wxListEvent& event) {
    if (event.GetKeyCode() == WXK_DELETE) delete_selected();
  });
  delete_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { delete_selected(); });
  search_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { search_pause_.StartOnce(kSearchPauseMs); });
  search_->Bind(wxEVT_SEARCH, [this](wxCommandEvent&) { search(search_->GetValue()); });
  search_->Bind(wxEVT_SEARCH_CANCEL, [this](wxCommandEvent&) { search(wxString()); });
  Bind(wxEVT_TIMER, [this](wxTimerEvent&) { search(search_->GetValue()); });
  previous_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { go_to(page_ - 1); });
  next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { go_to(page_ + 1); });
  per_page_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { go_to(1); });
  update_pager();
}

wxSizer* RequestsPanel::make_top_row() {
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  row->Add(new wxStaticText(this, wxID_ANY, text::requests_search_label()), 0,
           wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  search_ = new wxSearchCtrl(this, wxID_ANY);
  search_->ShowCancelButton(true);
  search_->SetDescriptiveText(text::requests_search_hint());
  row->Add(search_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
  delete_ = new wxButton(this, wxID_ANY, text::requests_delete());
  delete_->SetToolTip(text::requests_delete_tip());
  row->Add(delete_, 0, wxALIGN_CENTER_VERTICAL);
  return row;
}

wxSizer* RequestsPanel::make_pager() {
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  message_ = new wxStaticText(this, wxID_ANY, wxString());
  row->Add(message_, 1, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
  row->Add(new wxStaticText(this, wxID_ANY, text::requests_per_page()), 0,
           wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  per_page_ = new wxChoice(this, wxID_ANY);
  for (int size : kPageSizes)
    per_page_->Append(wxString::Format("%d", size));
  per_page_->SetSelection(kDefaultPageSize);
  row->Add(per_page_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(12));
  previous_ = new wxButton(this, wxID_ANY, text::requests_previous());
  pager_ = new wxStaticText(this, wxID_ANY, wxString());
  next_ = new wxButton(this, wxID_ANY, text::requests_next());
  row->Add(previous_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  row->Add(pager_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
  row->Add(next_, 0, wxALIGN_CENTER_VERTICAL);
  return row;
}

std::int64_t RequestsPanel::pages() const {
  const std::int64_t size = kPageSizes[std::max(per_page_->GetSelection(), 0)];
  return std::max<std::int64_t>(1, (total_ + size - 1) / size);
}

std::string RequestsPanel::search_text() const {
  return search_->GetValue().utf8_string();
}

void RequestsPanel::show_session(std::optional<std::int64_t> id) {
  session_ = id;
  page_ = 1;
  total_ = 0;
  list_->set_rows({});
  detail_shown_.reset();
  detail_->ChangeValue(text::detail_pick());
  show_message(wxString());
  fetch();
}

void RequestsPanel::reload() {
  fetch();
}

void RequestsPanel::search(const wxString& text) {
  search_pause_.Stop();
  if (search_->GetValue() != text) search_->ChangeValue(text);
  go_to(1);
}

void RequestsPanel::go_to(std::int64_t page) {
  page_ = std::clamp<std::int64_t>(page, 1, pages());
  fetch();
}

void RequestsPanel::fetch() {
  ++generation_;
  arrived_while_fetching_.clear();
  if (!session_) {
    fetching_ = false;
    update_pager();
    return;
  }
  fetching_ = true;
  const cc::ExchangeQuery query{search_text(), page_,
                                kPageSizes[std::max(per_page_->GetSelection(), 0)]};
  service_.call<cc::ExchangePage>(
      [id = *session_, query](ControlApis& apis) { return apis.capture.exchanges(id, query); },
      [this, generation = generation_](cc::CallResult<cc::ExchangePage> page) {
        if (generation != generation_) return;  // a newer search or page was asked for
        fetching_ = false;
        if (!page) {
          show_message(wxString::FromUTF8(page.error().message));
          return;
        }
        show_page(page.value());
      });
}

void RequestsPanel::show_page(const cc::ExchangePage& page) {
  total_ = page.total;
  page_ = page.page;
  auto rows = page.items;
  const std::size_t size = kPageSizes[std::max(per_page_->GetSelection(), 0)];
  // Events that came while the page was on its way may not be committed in it yet.
  for (const auto& late : arrived_while_fetching_) {
    const bool known = std::any_of(rows.begin(), rows.end(),
                                   [&](const cc::ExchangeSummary& r) { return r.id == late.id; });
    if (known) continue;
    ++total_;
    if (on_last_page() && rows.size() < size) rows.push_back(late);
  }
  arrived_while_fetching_.clear();
  list_->set_rows(std::move(rows));
  update_pager();
}

void RequestsPanel::add_live(const cc::ExchangeSummary& exchange) {
  if (!url_matches(exchange.url, search_text())) return;
  if (fetching_) {
    arrived_while_fetching_.push_back(exchange);
    return;
  }
  const auto& rows = list_->rows();
  if (std::any_of(rows.begin(), rows.end(),
                  [&](const cc::ExchangeSummary& r) { return r.id == exchange.id; }))
    return;
  const bool room =
      on_last_page() &&
      rows.size() < static_cast<std::size_t>(kPageSizes[std::max(per_page_->GetSelection(), 0)]);
  ++total_;
  if (room) list_->append(exchange);
  update_pager();
}

void RequestsPanel::select(long index) {
  list_->select_only(index);
  on_selected();
}

void RequestsPanel::on_selected() {
  const long focused = list_->GetFocusedItem();
  const long item =
      focused != -1 && list_->IsSelected(focused) ? focused : list_->GetFirstSelected();
  if (item < 0 || item >= static_cast<long>(list_->rows().size())) return;
  show_detail(list_->rows()[item].id);
}

void RequestsPanel::show_detail(std::int64_t id) {
  if (detail_shown_ == id && !detail_pending_) return;
  detail_shown_ = id;
  detail_pending_ = true;
  detail_->ChangeValue(text::detail_loading());
  service_.call<cc::Exchange>(
      [id](ControlApis& apis) { return apis.capture.exchange(id); },
      [this, id](cc::CallResult<cc::Exchange> exchange) {
        if (detail_shown_ != id) return;  // another row was picked meanwhile
        detail_pending_ = false;
        detail_->ChangeValue(exchange ? exchange_detail(exchange.value())
                                      : wxString::FromUTF8(exchange.error().message));
        detail_->ShowPosition(0);
      });
}

void RequestsPanel::delete_selected() {
  const auto ids = list_->selected_ids();
  if (ids.empty() || deleting_) return;
  deleting_ = true;
  service_.call<Deleted>(
      [ids](ControlApis& apis) -> cc::CallResult<Deleted> {
        Deleted out;
        for (auto id : ids) {
          auto done = apis.capture.remove_exchange(id);
          if (!done) {
            out.failure = done.error();
            break;
          }
          out.ids.push_back(id);
        }
        return out;
      },
      [this](cc::CallResult<Deleted> deleted) {
        deleting_ = false;
        for (auto id : deleted.value().ids) {
          list_->remove(id);
          if (detail_shown_ == id) {
            detail_shown_.reset();
            detail_->ChangeValue(text::detail_pick());
          }
        }
        total_ = std::max<std::int64_t>(0, total_ - std::ssize(deleted.value().ids));
        update_pager();
        show_message(deleted.value().failure ? wxString::FromUTF8(deleted.value().failure->message)
                                             : text::requests_deleted(deleted.value().ids.size()));
      });
}

void RequestsPanel::update_pager() {
  pager_->SetLabel(text::requests_pager(page_, pages(), total_));
  previous_->Enable(page_ > 1);
  next_->Enable(page_ < pages());
  delete_->Enable(session_.has_value());
  Layout();
}

void RequestsPanel::show_message(const wxString& text) {
  message_->SetLabel(text);
  Layout();
}

}  // namespace postern::gui
