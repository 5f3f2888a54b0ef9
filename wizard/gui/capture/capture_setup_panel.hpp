#pragma once
// The capture window's first view (Postman's "Capture requests and cookies"): the source, the
// filters (URL contains or matches, exclusions, methods, no images/JS/CSS), what to keep (response
// bodies, cookies, history, a collection file with its folders), and Start. Start sends the
// options as they are; the runtime's refusal (a regex that does not compile) shows under the form.

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/panel.h>
#include <wx/radiobut.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <vector>

#include "wizard/gui/capture/capture_form.hpp"
#include "wizard/gui/capture/capture_prompts.hpp"
#include "wizard/gui/capture/capture_service.hpp"

namespace postern::gui {

/// Source, filters and Start.
class CaptureSetupPanel final : public wxPanel {
 public:
  using Started = std::function<void(const control_client::Session&)>;

  CaptureSetupPanel(wxWindow* parent, CaptureService& service, const CapturePrompts& prompts,
                    Started on_started);

  /// What the fields say now.
  CaptureForm form() const;
  /// Fills the fields (the last options used).
  void set_form(const CaptureForm& form);
  /// Shows where clients send their traffic, or why the runtime cannot be reached.
  void show_runtime(const control_client::CallResult<control_client::RuntimeStatus>& status);
  /// Validates the form and asks the runtime to start; the Start button does this.
  void start();
  /// The message under the form (empty when none).
  wxString problem() const { return problem_->GetLabel(); }
  /// True while a start is on its way.
  bool starting() const { return starting_; }

  // The fields, for tests and the tour.
  wxTextCtrl* name_field() const { return name_; }
  wxTextCtrl* url_field() const { return url_; }
  wxChoice* url_mode() const { return url_mode_; }
  wxTextCtrl* exclude_field() const { return exclude_; }
  wxCheckBox* method_box(const std::string& method) const;
  wxCheckBox* exclude_static_box() const { return exclude_static_; }
  wxCheckBox* cookies_box() const { return cookies_; }
  wxButton* start_button() const { return start_; }

 private:
  wxSizer* make_source();
  wxSizer* make_filters();
  wxSizer* make_keep();
  wxSizer* make_collection();
  void browse_collection();
  void sync_collection();
  void show_problem(const wxString& text);

  CaptureService& service_;
  const CapturePrompts& prompts_;
  Started on_started_;
  wxRadioButton* proxy_source_ = nullptr;
  wxRadioButton* extension_source_ = nullptr;
  wxTextCtrl* name_ = nullptr;
  wxChoice* url_mode_ = nullptr;
  wxTextCtrl* url_ = nullptr;
  wxTextCtrl* exclude_ = nullptr;
  wxTextCtrl* exclude_regex_ = nullptr;
  std::vector<wxCheckBox*> methods_;
  wxCheckBox* exclude_static_ = nullptr;
  wxCheckBox* save_responses_ = nullptr;
  wxCheckBox* cookies_ = nullptr;
  wxCheckBox* history_ = nullptr;
  wxCheckBox* collection_ = nullptr;
  wxTextCtrl* collection_path_ = nullptr;
  wxButton* browse_ = nullptr;
  wxCheckBox* by_domain_ = nullptr;
  wxCheckBox* by_endpoint_ = nullptr;
  wxStaticText* problem_ = nullptr;
  wxButton* start_ = nullptr;
  bool starting_ = false;
};

/// The methods offered as boxes.
const std::vector<std::string>& offered_methods();

}  // namespace postern::gui
