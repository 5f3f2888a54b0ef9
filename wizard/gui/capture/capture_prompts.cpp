#include "wizard/gui/capture/capture_prompts.hpp"

#include <wx/filedlg.h>
#include <wx/msgdlg.h>
#include <wx/textdlg.h>

#include "wizard/gui/capture/capture_strings.hpp"

namespace postern::gui {

CapturePrompts dialog_prompts() {
  CapturePrompts prompts;
  prompts.confirm = [](wxWindow* parent, const wxString& question) {
    return wxMessageBox(question, text::capture_title(), wxYES_NO | wxICON_QUESTION, parent) ==
           wxYES;
  };
  prompts.ask_text = [](wxWindow* parent, const wxString& question,
                        const wxString& initial) -> std::optional<wxString> {
    wxTextEntryDialog dialog(parent, question, text::capture_title(), initial);
    if (dialog.ShowModal() != wxID_OK) return std::nullopt;
    return dialog.GetValue();
  };
  prompts.save_path = [](wxWindow* parent, const wxString& title, const wxString& file_name,
                         const wxString& wildcard) -> std::optional<wxString> {
    wxFileDialog dialog(parent, title, wxEmptyString, file_name, wildcard,
                        wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK) return std::nullopt;
    return dialog.GetPath();
  };
  return prompts;
}

}  // namespace postern::gui
