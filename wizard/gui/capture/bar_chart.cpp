#include "wizard/gui/capture/bar_chart.hpp"

#include <wx/dcbuffer.h>
#include <wx/settings.h>

#include <algorithm>

#include "wizard/gui/capture/capture_strings.hpp"

namespace postern::gui {

namespace cc = control_client;

BarChart::BarChart(wxWindow* parent, const wxString& title)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxFULL_REPAINT_ON_RESIZE),
      title_(title) {
  SetBackgroundStyle(wxBG_STYLE_PAINT);
  Bind(wxEVT_PAINT, [this](wxPaintEvent&) { on_paint(); });
}

void BarChart::set_counts(const std::vector<cc::KeyCount>& counts) {
  bars_ = counts;
  std::stable_sort(bars_.begin(), bars_.end(),
                   [](const cc::KeyCount& a, const cc::KeyCount& b) { return a.count > b.count; });
  if (bars_.size() > kMaxBars) {
    cc::KeyCount other{text::overview_other().utf8_string(), 0};
    for (auto i = kMaxBars - 1; i < bars_.size(); ++i)
      other.count += bars_[i].count;
    bars_.resize(kMaxBars - 1);
    bars_.push_back(other);
  }
  InvalidateBestSize();
  Refresh();
}

int BarChart::row_height() const {
  return GetCharHeight() + FromDIP(8);
}

wxSize BarChart::DoGetBestClientSize() const {
  const auto rows = static_cast<int>(std::max<std::size_t>(bars_.size(), 1));
  return {FromDIP(320), row_height() * (rows + 1) + FromDIP(8)};
}

void BarChart::on_paint() {
  wxAutoBufferedPaintDC dc(this);
  const wxColour background = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW);
  const wxColour foreground = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
  dc.SetBackground(wxBrush(background));
  dc.Clear();
  dc.SetTextForeground(foreground);
  wxFont bold = GetFont();
  bold.MakeBold();
  dc.SetFont(bold);
  const int pad = FromDIP(6);
  const int row = row_height();
  dc.DrawText(title_, pad, pad);
  dc.SetFont(GetFont());
  if (bars_.empty()) {
    dc.DrawText(text::overview_none(), pad, pad + row);
    return;
  }
  const int width = GetClientSize().x;
  const int label_width = std::min(width / 3, FromDIP(160));
  const int count_width = dc.GetTextExtent("000000").x;
  const int bar_left = pad + label_width + pad;
  const int bar_room = std::max(width - bar_left - count_width - 2 * pad, FromDIP(10));
  const auto largest = std::max<std::int64_t>(bars_.front().count, 1);
  dc.SetPen(*wxTRANSPARENT_PEN);
  dc.SetBrush(wxBrush(wxColour(0x35, 0x84, 0xe4)));  // Adwaita's accent blue
  for (std::size_t i = 0; i < bars_.size(); ++i) {
    const int y = pad + row * static_cast<int>(i + 1);
    wxString label = wxString::FromUTF8(bars_[i].key);
    if (label.empty()) label = text::dash();
    // Long domains are cut at the front's end so the bar keeps its room.
    while (label.length() > 4 && dc.GetTextExtent(label).x > label_width)
      label = label.Left(label.length() - 2) + wxString::FromUTF8("…");
    dc.DrawText(label, pad, y + FromDIP(2));
    const int length = std::max(FromDIP(2), static_cast<int>(bar_room * bars_[i].count / largest));
    dc.DrawRectangle(bar_left, y + FromDIP(2), length, row - FromDIP(6));
    dc.DrawText(wxString::Format("%lld", static_cast<long long>(bars_[i].count)),
                bar_left + length + pad, y + FromDIP(2));
  }
}

}  // namespace postern::gui
