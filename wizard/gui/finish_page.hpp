#pragma once
// Page 6: the runtime (setup's last step started it), the proxy's address and port (and the LAN
// addresses when LAN capture is on), the CA download page and files for phones, and the button
// for the capture window.

#include <wx/button.h>
#include <wx/textctrl.h>

#include "wizard/gui/page.hpp"

namespace postern::gui {

class CaptureWindow;

/// The last page.
class FinishPage final : public Page {
 public:
  FinishPage(wxWizard* parent, WizardContext& context, WizardState& state);

  void on_shown() override;
  bool ready() const override { return shown_; }

  /// The summary text and the capture-window button, for tests.
  wxString summary() const { return summary_->GetValue(); }
  wxButton* capture_button() const { return capture_; }
  /// Opens (or raises) the capture window, as the button does.
  CaptureWindow* open_capture();

 private:
  void show(const std::vector<std::string>& lan_addresses);

  wxTextCtrl* summary_;  ///< read-only, so addresses can be selected and copied
  wxButton* capture_;
  wxButton* export_;
  bool shown_ = false;
};

/// The text of the Finish page for these choices, outcomes and LAN addresses.
wxString finish_summary(const WizardState& state, const base::AppPaths& paths,
                        const std::vector<std::string>& lan_addresses);

}  // namespace postern::gui
