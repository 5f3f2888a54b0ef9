#pragma once
// Export CA: a save dialog for the file and its format, then the engine writes the certificate
// (never the key) on the worker and the result is shown.

#include <wx/window.h>

#include "certs/exporter.hpp"
#include "wizard/gui/wizard_context.hpp"

namespace postern::gui {

/// The format for a save-dialog filter index (0 PEM, 1 DER, 2 PKCS#12).
certs::ExportFormat export_format_for(int filter_index);
/// The save dialog's filter string, in filter-index order.
wxString export_wildcard();

/// Writes the CA to `path` on the worker, then calls `done` on the UI thread with the outcome.
void export_ca_to(wxWindow* owner, WizardContext& context, certs::ExportFormat format,
                  const std::string& path, std::function<void(base::Outcome)> done);

/// Asks where, exports, and shows the result in a message box.
void export_ca_interactively(wxWindow* owner, WizardContext& context);

}  // namespace postern::gui
