#include "wizard/gui/wizard_context.hpp"

#include <wx/msgdlg.h>

#include "wizard/gui/strings.hpp"

namespace postern::gui {

bool confirm_with_message_box(const wxString& question) {
  return wxMessageBox(question, text::app_title(), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION) ==
         wxYES;
}

}  // namespace postern::gui
