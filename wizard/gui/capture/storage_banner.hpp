#pragma once
// A strip at the top of the capture window for when the runtime cannot save what it captures
// (a full disk: docs/store.md "A full disk"). While saving fails it warns: what failed, the fix,
// and how many requests were lost. Once saving works again it says, more quietly, how many were
// lost, so that a gap in a session is explained. Hidden while nothing was ever lost.

#include <wx/panel.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>

#include "runtime/control/client/capture_types.hpp"

namespace postern::gui {

class StorageBanner final : public wxPanel {
 public:
  explicit StorageBanner(wxWindow* parent);

  /// Shows `health` (from GET /v1/capture or `event: storage`), or hides when nothing was lost;
  /// lays out the parent, whose content moves down or up.
  void show(const control_client::StorageHealth& health);

  /// What it says now (empty while hidden).
  wxString message() const { return IsShown() ? text_->GetLabelText() : wxString(); }
  /// True while saving fails (the warning); false when hidden or after recovery.
  bool warning() const { return IsShown() && warning_; }

 private:
  wxStaticBitmap* icon_ = nullptr;
  wxStaticText* text_ = nullptr;
  bool warning_ = false;
};

}  // namespace postern::gui
