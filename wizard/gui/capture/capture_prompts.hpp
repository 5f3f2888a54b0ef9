#pragma once
// The questions the capture window asks its user: yes or no, a line of text (a new name), a file
// to save to. Message boxes and file dialogs by default; tests and the tour answer themselves,
// as the wizard's Confirm lets them.

#include <wx/string.h>
#include <wx/window.h>

#include <functional>
#include <optional>

namespace postern::gui {

/// How the capture window asks.
struct CapturePrompts {
  /// A yes/no question; true = yes.
  std::function<bool(wxWindow* parent, const wxString& question)> confirm;
  /// A line of text, starting from `initial`; none when cancelled.
  std::function<std::optional<wxString>(wxWindow* parent, const wxString& question,
                                        const wxString& initial)>
      ask_text;
  /// A file to write: `title`, a suggested file name and a wildcard; none when cancelled.
  std::function<std::optional<wxString>(wxWindow* parent, const wxString& title,
                                        const wxString& file_name, const wxString& wildcard)>
      save_path;
};

/// Message boxes, a text entry dialog and a file dialog.
CapturePrompts dialog_prompts();

}  // namespace postern::gui
