#include "wizard/gui/capture/exchange_list.hpp"

#include <algorithm>

#include "wizard/gui/capture/capture_format.hpp"
#include "wizard/gui/capture/capture_strings.hpp"

namespace postern::gui {

namespace cc = control_client;

namespace {

enum Column { kMethod, kUrl, kStatus, kSize, kTime };

}  // namespace

ExchangeList::ExchangeList(wxWindow* parent)
    : wxListView(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL) {
  AppendColumn(text::col_method(), wxLIST_FORMAT_LEFT, FromDIP(70));
  AppendColumn(text::col_url(), wxLIST_FORMAT_LEFT, FromDIP(470));
  AppendColumn(text::col_status(), wxLIST_FORMAT_LEFT, FromDIP(70));
  AppendColumn(text::col_size(), wxLIST_FORMAT_RIGHT, FromDIP(80));
  AppendColumn(text::col_time(), wxLIST_FORMAT_RIGHT, FromDIP(70));
}

void ExchangeList::set_rows(std::vector<cc::ExchangeSummary> rows) {
  rows_ = std::move(rows);
  // A new page: nothing of the old one stays selected.
  for (long item = GetFirstSelected(); item != -1; item = GetNextSelected(item))
    Select(item, false);
  SetItemCount(static_cast<long>(rows_.size()));
  Refresh();
}

void ExchangeList::append(const cc::ExchangeSummary& row) {
  rows_.push_back(row);
  SetItemCount(static_cast<long>(rows_.size()));
  RefreshItem(static_cast<long>(rows_.size()) - 1);
}

void ExchangeList::remove(std::int64_t id) {
  const auto found = std::find_if(rows_.begin(), rows_.end(),
                                  [id](const cc::ExchangeSummary& row) { return row.id == id; });
  if (found == rows_.end()) return;
  const long index = static_cast<long>(found - rows_.begin());
  Select(index, false);
  rows_.erase(found);
  // The selection is by index: rows below the removed one move up, and so do their marks.
  std::vector<long> below;
  for (long item = GetFirstSelected(); item != -1; item = GetNextSelected(item))
    if (item > index) below.push_back(item);
  for (long item : below)
    Select(item, false);
  SetItemCount(static_cast<long>(rows_.size()));
  for (long item : below)
    Select(item - 1, true);
  Refresh();
}

std::vector<std::int64_t> ExchangeList::selected_ids() const {
  std::vector<std::int64_t> ids;
  for (long item = GetFirstSelected(); item != -1; item = GetNextSelected(item))
    if (item < static_cast<long>(rows_.size())) ids.push_back(rows_[item].id);
  return ids;
}

void ExchangeList::select_only(long index) {
  for (long item = GetFirstSelected(); item != -1; item = GetNextSelected(item))
    Select(item, false);
  if (index < 0 || index >= static_cast<long>(rows_.size())) return;
  Select(index, true);
  Focus(index);
}

wxString ExchangeList::OnGetItemText(long item, long column) const {
  if (item < 0 || item >= static_cast<long>(rows_.size())) return {};
  const auto& row = rows_[item];
  switch (column) {
    case kMethod:
      return wxString::FromUTF8(row.method);
    case kUrl:
      return wxString::FromUTF8(row.url);
    case kStatus:
      return exchange_status(row);
    case kSize:
      return human_size(exchange_bytes(row));
    case kTime:
      return exchange_duration(row);
    default:
      return {};
  }
}

}  // namespace postern::gui
