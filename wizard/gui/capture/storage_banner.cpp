#include "wizard/gui/capture/storage_banner.hpp"

#include <wx/artprov.h>
#include <wx/sizer.h>

#include <algorithm>

#include "wizard/gui/capture/capture_strings.hpp"

namespace postern::gui {

StorageBanner::StorageBanner(wxWindow* parent) : wxPanel(parent) {
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  icon_ = new wxStaticBitmap(this, wxID_ANY,
                             wxArtProvider::GetBitmap(wxART_WARNING, wxART_MESSAGE_BOX));
  text_ = new wxStaticText(this, wxID_ANY, wxString());
  row->Add(icon_, 0, wxALIGN_TOP | wxALL, FromDIP(8));
  row->Add(text_, 1, wxALIGN_CENTER_VERTICAL | wxTOP | wxBOTTOM | wxRIGHT, FromDIP(8));
  SetSizer(row);
  Hide();
}

void StorageBanner::show(const control_client::StorageHealth& health) {
  warning_ = !health.ok;
  const bool lost_some = warning_ || (health.last_error && health.not_stored > 0);
  if (lost_some) {
    const auto& error = health.last_error;
    const wxString message = error ? wxString::FromUTF8(error->message) : wxString();
    text_->SetLabelText(
        warning_
            ? text::storage_failing(message, error ? wxString::FromUTF8(error->remedy) : wxString(),
                                    health.not_stored)
            : text::storage_recovered(health.not_stored, message));
    icon_->SetBitmap(
        wxArtProvider::GetBitmap(warning_ ? wxART_WARNING : wxART_INFORMATION, wxART_MESSAGE_BOX));
    // Wrapped to the window's width, less the icon and margins.
    text_->Wrap(std::max(GetParent()->GetClientSize().GetWidth() - FromDIP(80), FromDIP(300)));
  }
  Show(lost_some);
  GetParent()->Layout();
}

}  // namespace postern::gui
