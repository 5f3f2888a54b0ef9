#include "wizard/gui/export_ca.hpp"

#include <wx/filedlg.h>
#include <wx/msgdlg.h>

#include "wizard/gui/strings.hpp"

namespace postern::gui {

certs::ExportFormat export_format_for(int filter_index) {
  switch (filter_index) {
    case 1:
      return certs::ExportFormat::der;
    case 2:
      return certs::ExportFormat::p12;
    default:
      return certs::ExportFormat::pem;
  }
}

wxString export_wildcard() {
  return text::export_filter_pem() + " (*.pem)|*.pem|" + text::export_filter_der() +
         " (*.cer)|*.cer|" + text::export_filter_p12() + " (*.p12)|*.p12";
}

void export_ca_to(wxWindow* owner, WizardContext& context, certs::ExportFormat format,
                  const std::string& path, std::function<void(base::Outcome)> done) {
  auto& engine = context.engine;
  context.worker.start<base::Outcome>(
      owner, [&engine, format, path] { return engine.export_ca(format, path); }, std::move(done));
}

void export_ca_interactively(wxWindow* owner, WizardContext& context) {
  wxFileDialog dialog(owner, text::export_title(), wxString(), "postern-ca.pem", export_wildcard(),
                      wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (dialog.ShowModal() != wxID_OK) return;
  export_ca_to(owner, context, export_format_for(dialog.GetFilterIndex()),
               dialog.GetPath().utf8_string(), [owner](base::Outcome outcome) {
                 wxMessageBox(
                     wxString::FromUTF8(outcome.cause +
                                        (outcome.remedy.empty() ? "" : "\n" + outcome.remedy)),
                     text::export_title(),
                     wxOK | (outcome.ok() ? wxICON_INFORMATION : wxICON_ERROR), owner);
               });
}

}  // namespace postern::gui
