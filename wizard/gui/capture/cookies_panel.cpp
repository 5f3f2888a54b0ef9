#include "wizard/gui/capture/cookies_panel.hpp"

#include <wx/sizer.h>

#include <algorithm>

#include "wizard/gui/capture/capture_format.hpp"
#include "wizard/gui/capture/capture_strings.hpp"

namespace postern::gui {

namespace cc = control_client;

namespace {

constexpr int kReloadPauseMs = 400;  // commits land within 100 ms of the event

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(' ');
  return first == std::string::npos ? std::string() : text.substr(first);
}

}  // namespace

std::vector<std::string> cookie_names(const cc::SessionCookie& line) {
  std::vector<std::string> names;
  const auto& value = line.header_value;
  std::size_t start = 0;
  while (start < value.size()) {
    const auto end = std::min(value.find(';', start), value.size());
    const auto pair = trimmed(value.substr(start, end - start));
    if (const auto equals = pair.find('='); equals != std::string::npos && equals > 0)
      names.push_back(pair.substr(0, equals));
    // A Set-Cookie line names one cookie; what follows are its attributes.
    if (line.direction == "response") break;
    start = end + 1;
  }
  return names;
}

CookiesPanel::CookiesPanel(wxWindow* parent, CaptureService& service)
    : wxPanel(parent), service_(service), reload_pause_(this) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  add_ = new wxButton(this, wxID_ANY, text::cookies_add());
  add_->SetToolTip(text::cookies_add_tip());
  delete_ = new wxButton(this, wxID_ANY, text::cookies_delete());
  delete_->SetToolTip(text::cookies_delete_tip());
  row->Add(add_, 0, wxRIGHT, FromDIP(8));
  row->Add(delete_, 0, wxRIGHT, FromDIP(12));
  message_ = new wxStaticText(this, wxID_ANY, wxString());
  row->Add(message_, 1, wxALIGN_CENTER_VERTICAL);
  sizer->Add(row, 0, wxALL | wxEXPAND, FromDIP(6));
  list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT);
  list_->AppendColumn(text::col_direction(), wxLIST_FORMAT_LEFT, FromDIP(100));
  list_->AppendColumn(text::col_host(), wxLIST_FORMAT_LEFT, FromDIP(160));
  list_->AppendColumn(text::col_cookie(), wxLIST_FORMAT_LEFT, FromDIP(380));
  list_->AppendColumn(text::col_seen(), wxLIST_FORMAT_LEFT, FromDIP(150));
  sizer->Add(list_, 1, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, FromDIP(6));
  SetSizer(sizer);
  add_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { add_to_jar(); });
  delete_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { delete_from_jar(); });
  Bind(wxEVT_TIMER, [this](wxTimerEvent&) { reload(); });
}

void CookiesPanel::show_session(std::optional<std::int64_t> id) {
  session_ = id;
  show_rows({});
  show_message(wxString());
  reload();
}

void CookiesPanel::reload_soon() {
  if (!reload_pause_.IsRunning()) reload_pause_.StartOnce(kReloadPauseMs);
}

void CookiesPanel::reload() {
  ++generation_;
  if (!session_) {
    loading_ = false;
    return;
  }
  loading_ = true;
  service_.call<std::vector<cc::SessionCookie>>(
      [id = *session_](ControlApis& apis) { return apis.capture.session_cookies(id); },
      [this, generation = generation_](cc::CallResult<std::vector<cc::SessionCookie>> cookies) {
        if (generation != generation_) return;
        loading_ = false;
        if (!cookies) {
          show_message(wxString::FromUTF8(cookies.error().message));
          return;
        }
        show_rows(std::move(cookies.value()));
      });
}

void CookiesPanel::show_rows(std::vector<cc::SessionCookie> rows) {
  rows_ = std::move(rows);
  list_->DeleteAllItems();
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const auto& row = rows_[i];
    const long item = list_->InsertItem(static_cast<long>(i), row.direction == "response"
                                                                  ? text::cookie_set_cookie()
                                                                  : text::cookie_cookie());
    list_->SetItem(item, 1, wxString::FromUTF8(row.host));
    list_->SetItem(item, 2, wxString::FromUTF8(row.header_value));
    list_->SetItem(item, 3, local_time(row.seen_at));
  }
  add_->Enable(session_.has_value() && !rows_.empty());
  delete_->Enable(session_.has_value() && !rows_.empty());
}

std::vector<std::size_t> CookiesPanel::selected() const {
  std::vector<std::size_t> indexes;
  for (long item = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED); item != -1;
       item = list_->GetNextItem(item, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED))
    if (item < static_cast<long>(rows_.size())) indexes.push_back(static_cast<std::size_t>(item));
  return indexes;
}

void CookiesPanel::select_only(long index) {
  for (long item = 0; item < list_->GetItemCount(); ++item)
    list_->SetItemState(item, item == index ? wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED : 0,
                        wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
}

void CookiesPanel::add_to_jar() {
  if (!session_ || acting_) return;
  std::vector<std::int64_t> exchanges;
  for (auto index : selected())
    if (std::find(exchanges.begin(), exchanges.end(), rows_[index].exchange_id) == exchanges.end())
      exchanges.push_back(rows_[index].exchange_id);
  acting_ = true;
  service_.call<cc::ToJarResult>(
      [id = *session_, exchanges](ControlApis& apis) {
        return apis.capture.cookies_to_jar(id, exchanges);
      },
      [this](cc::CallResult<cc::ToJarResult> added) {
        acting_ = false;
        if (!added) {
          show_message(wxString::FromUTF8(added.error().message));
          return;
        }
        const auto& result = added.value();
        wxString message = text::cookies_added(result.added, result.removed);
        if (!result.refused.empty())
          message << " "
                  << text::cookies_refused(result.refused.size(),
                                           wxString::FromUTF8(result.refused[0].reason));
        show_message(message);
      });
}

void CookiesPanel::delete_from_jar() {
  if (acting_) return;
  std::vector<cc::CookieSelector> which;
  for (auto index : selected())
    for (const auto& name : cookie_names(rows_[index]))
      which.push_back({rows_[index].host, "", name});
  if (which.empty()) {
    show_message(text::cookies_pick());
    return;
  }
  acting_ = true;
  service_.call<std::int64_t>(
      [which](ControlApis& apis) -> cc::CallResult<std::int64_t> {
        std::int64_t removed = 0;
        for (const auto& selector : which) {
          auto gone = apis.cookies.remove(selector);
          if (!gone) return gone.error();
          removed += gone.value();
        }
        return removed;
      },
      [this](cc::CallResult<std::int64_t> removed) {
        acting_ = false;
        show_message(removed ? text::cookies_deleted(removed.value())
                             : wxString::FromUTF8(removed.error().message));
      });
}

void CookiesPanel::show_message(const wxString& text) {
  message_->SetLabel(text);
  Layout();
}

}  // namespace postern::gui
