#include "wizard/gui/capture/overview_panel.hpp"

#include <wx/sizer.h>

#include "wizard/gui/capture/capture_strings.hpp"

namespace postern::gui {

namespace cc = control_client;

OverviewPanel::OverviewPanel(wxWindow* parent, CaptureService& service)
    : wxPanel(parent), service_(service) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  total_ = new wxStaticText(this, wxID_ANY, wxString());
  sizer->Add(total_, 0, wxALL, FromDIP(8));
  auto* grid = new wxGridSizer(2, FromDIP(8), FromDIP(8));
  method_ = new BarChart(this, text::overview_by_method());
  domain_ = new BarChart(this, text::overview_by_domain());
  data_mode_ = new BarChart(this, text::overview_by_data_mode());
  status_ = new BarChart(this, text::overview_by_status());
  for (auto* chart : {method_, domain_, data_mode_, status_})
    grid->Add(chart, 1, wxEXPAND);
  sizer->Add(grid, 1, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, FromDIP(8));
  SetSizer(sizer);
}

void OverviewPanel::show_session(std::optional<std::int64_t> id) {
  ++generation_;
  show(cc::Overview{});
  total_->SetLabel(wxString());
  if (!id) {
    loading_ = false;
    return;
  }
  loading_ = true;
  service_.call<cc::Overview>(
      [id = *id](ControlApis& apis) { return apis.capture.overview(id); },
      [this, generation = generation_](cc::CallResult<cc::Overview> overview) {
        if (generation != generation_) return;
        loading_ = false;
        if (!overview) {
          total_->SetLabel(wxString::FromUTF8(overview.error().message));
          return;
        }
        show(overview.value());
      });
}

void OverviewPanel::show(const cc::Overview& overview) {
  total_->SetLabel(text::overview_total(overview.total));
  method_->set_counts(overview.by_method);
  domain_->set_counts(overview.by_domain);
  data_mode_->set_counts(overview.by_data_mode);
  status_->set_counts(overview.by_status);
  Layout();
}

}  // namespace postern::gui
