#pragma once
// The Requests table: a virtual wxListView over the exchanges shown (method, URL, status, size,
// time), so a page of a thousand rows costs nothing to fill and live rows append cheaply.

#include <wx/listctrl.h>

#include <cstdint>
#include <vector>

#include "runtime/control/client/exchange_types.hpp"

namespace postern::gui {

/// The rows of the Requests table.
class ExchangeList final : public wxListView {
 public:
  explicit ExchangeList(wxWindow* parent);

  /// Shows `rows` in place of what was shown.
  void set_rows(std::vector<control_client::ExchangeSummary> rows);
  /// Adds one row at the end.
  void append(const control_client::ExchangeSummary& row);
  /// Removes the row of exchange `id`, if shown.
  void remove(std::int64_t id);
  const std::vector<control_client::ExchangeSummary>& rows() const { return rows_; }
  /// The ids of the selected rows, top to bottom.
  std::vector<std::int64_t> selected_ids() const;
  /// Selects and focuses row `index` only (tests, the tour, keyboard users via the list).
  void select_only(long index);

 private:
  wxString OnGetItemText(long item, long column) const override;

  std::vector<control_client::ExchangeSummary> rows_;
};

}  // namespace postern::gui
