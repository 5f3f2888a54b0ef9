#include "wizard/gui/doctor_dialog.hpp"

#include <wx/button.h>
#include <wx/sizer.h>

#include "wizard/gui/strings.hpp"

namespace postern::gui {

DoctorDialog::DoctorDialog(wxWindow* parent, WizardContext& context)
    : wxDialog(parent, wxID_ANY, text::diagnose_heading(), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  panel_ = new DoctorPanel(this, context);
  sizer->Add(panel_, 1, wxALL | wxEXPAND, FromDIP(10));
  sizer->Add(new wxButton(this, wxID_CANCEL, text::close()), 0,
             wxLEFT | wxRIGHT | wxBOTTOM | wxALIGN_RIGHT, FromDIP(10));
  SetSizerAndFit(sizer);
  SetEscapeId(wxID_CANCEL);
  panel_->diagnose();
}

}  // namespace postern::gui
