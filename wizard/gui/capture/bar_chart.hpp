#pragma once
// One Overview graph: a title and a horizontal bar per key (a method, a domain, a data mode, a
// status), longest first, drawn with wxDC so it scales with the font and the screen's DPI. Past
// kMaxBars keys, the rest add up in one "Other" bar.

#include <wx/window.h>

#include <vector>

#include "runtime/control/client/exchange_types.hpp"

namespace postern::gui {

/// A titled bar chart of counts.
class BarChart final : public wxWindow {
 public:
  static constexpr std::size_t kMaxBars = 8;

  BarChart(wxWindow* parent, const wxString& title);

  /// Shows `counts` (any order).
  void set_counts(const std::vector<control_client::KeyCount>& counts);
  /// The bars as drawn: key and count, longest first ("Other" last).
  const std::vector<control_client::KeyCount>& bars() const { return bars_; }

 private:
  wxSize DoGetBestClientSize() const override;
  void on_paint();
  int row_height() const;

  wxString title_;
  std::vector<control_client::KeyCount> bars_;
};

}  // namespace postern::gui
