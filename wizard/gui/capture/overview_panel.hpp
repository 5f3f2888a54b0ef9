#pragma once
// A stopped (or running) session's Overview: four graphs of its exchanges, by method, domain,
// data mode and status code, from GET /v1/sessions/{id}/overview.

#include <wx/panel.h>
#include <wx/stattext.h>

#include <cstdint>
#include <optional>

#include "wizard/gui/capture/bar_chart.hpp"
#include "wizard/gui/capture/capture_service.hpp"

namespace postern::gui {

/// The Overview tab.
class OverviewPanel final : public wxPanel {
 public:
  OverviewPanel(wxWindow* parent, CaptureService& service);

  /// Fetches and shows session `id`'s aggregates (none: empty graphs).
  void show_session(std::optional<std::int64_t> id);
  /// Shows `overview` (what show_session does when the answer comes).
  void show(const control_client::Overview& overview);

  bool loading() const { return loading_; }
  BarChart* by_method() const { return method_; }
  BarChart* by_domain() const { return domain_; }
  BarChart* by_data_mode() const { return data_mode_; }
  BarChart* by_status() const { return status_; }
  wxString total_text() const { return total_->GetLabel(); }

 private:
  CaptureService& service_;
  wxStaticText* total_ = nullptr;
  BarChart* method_ = nullptr;
  BarChart* domain_ = nullptr;
  BarChart* data_mode_ = nullptr;
  BarChart* status_ = nullptr;
  std::uint64_t generation_ = 0;
  bool loading_ = false;
};

}  // namespace postern::gui
