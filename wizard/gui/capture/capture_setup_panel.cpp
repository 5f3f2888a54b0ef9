#include "wizard/gui/capture/capture_setup_panel.hpp"

#include <wx/sizer.h>
#include <wx/statbox.h>

#include <algorithm>

#include "wizard/gui/capture/capture_strings.hpp"
#include "wizard/gui/page.hpp"

namespace postern::gui {

namespace cc = control_client;

const std::vector<std::string>& offered_methods() {
  static const std::vector<std::string> methods = {"GET",    "POST", "PUT",    "PATCH",
                                                   "DELETE", "HEAD", "OPTIONS"};
  return methods;
}

CaptureSetupPanel::CaptureSetupPanel(wxWindow* parent, CaptureService& service,
                                     const CapturePrompts& prompts, Started on_started)
    : wxPanel(parent), service_(service), prompts_(prompts), on_started_(std::move(on_started)) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  const int gap = FromDIP(8);
  sizer->Add(make_heading(this, text::capture_setup_heading()), 0, wxALL, gap);
  sizer->Add(make_source(), 0, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, gap);
  sizer->Add(make_filters(), 0, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, gap);
  sizer->Add(make_keep(), 0, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, gap);
  sizer->Add(make_collection(), 0, wxLEFT | wxRIGHT | wxBOTTOM | wxEXPAND, gap);
  problem_ = new wxStaticText(this, wxID_ANY, wxString());
  problem_->SetForegroundColour(*wxRED);
  sizer->Add(problem_, 0, wxLEFT | wxRIGHT | wxEXPAND, gap);
  start_ = new wxButton(this, wxID_ANY, text::capture_start());
  start_->SetDefault();
  sizer->Add(start_, 0, wxALL, gap);
  SetSizer(sizer);
  start_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start(); });
  sync_collection();
}

wxSizer* CaptureSetupPanel::make_source() {
  auto* box = new wxStaticBoxSizer(wxVERTICAL, this, text::capture_source());
  auto* parent = box->GetStaticBox();
  proxy_source_ = new wxRadioButton(parent, wxID_ANY, text::capture_source_proxy(wxString()),
                                    wxDefaultPosition, wxDefaultSize, wxRB_GROUP);
  extension_source_ = new wxRadioButton(parent, wxID_ANY, text::capture_source_extension());
  proxy_source_->SetValue(true);
  // The control API starts proxy sessions only; the extension records its own (see report).
  extension_source_->Disable();
  extension_source_->SetToolTip(text::capture_source_extension_tip());
  box->Add(proxy_source_, 0, wxALL, FromDIP(4));
  box->Add(extension_source_, 0, wxALL, FromDIP(4));
  return box;
}

wxSizer* CaptureSetupPanel::make_filters() {
  auto* box = new wxStaticBoxSizer(wxVERTICAL, this, text::capture_filters());
  auto* parent = box->GetStaticBox();
  auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
  grid->AddGrowableCol(1, 1);
  auto label = [&](const wxString& text) {
    grid->Add(new wxStaticText(parent, wxID_ANY, text), 0, wxALIGN_CENTER_VERTICAL);
  };
  label(text::capture_name_label());
  name_ = new wxTextCtrl(parent, wxID_ANY);
  name_->SetHint(text::capture_name_hint());
  grid->Add(name_, 1, wxEXPAND);
  label(text::capture_url_label());
  auto* url_row = new wxBoxSizer(wxHORIZONTAL);
  url_mode_ = new wxChoice(parent, wxID_ANY);
  url_mode_->Append(text::capture_url_contains());
  url_mode_->Append(text::capture_url_regex());
  url_mode_->SetSelection(0);
  url_ = new wxTextCtrl(parent, wxID_ANY);
  url_row->Add(url_mode_, 0, wxRIGHT, FromDIP(6));
  url_row->Add(url_, 1);
  grid->Add(url_row, 1, wxEXPAND);
  label(text::capture_exclude_label());
  exclude_ = new wxTextCtrl(parent, wxID_ANY);
  exclude_->SetHint(text::capture_exclude_hint());
  grid->Add(exclude_, 1, wxEXPAND);
  label(text::capture_exclude_regex_label());
  exclude_regex_ = new wxTextCtrl(parent, wxID_ANY);
  grid->Add(exclude_regex_, 1, wxEXPAND);
  label(text::capture_methods_label());
  auto* methods = new wxBoxSizer(wxHORIZONTAL);
  for (const auto& method : offered_methods()) {
    auto* check = new wxCheckBox(parent, wxID_ANY, wxString::FromUTF8(method));
    methods_.push_back(check);
    methods->Add(check, 0, wxRIGHT, FromDIP(8));
  }
  methods->Add(new wxStaticText(parent, wxID_ANY, text::capture_methods_hint()), 0,
               wxALIGN_CENTER_VERTICAL);
  grid->Add(methods, 0);
  box->Add(grid, 0, wxALL | wxEXPAND, FromDIP(4));
  exclude_static_ = new wxCheckBox(parent, wxID_ANY, text::capture_exclude_static());
  box->Add(exclude_static_, 0, wxALL, FromDIP(4));
  return box;
}

wxSizer* CaptureSetupPanel::make_keep() {
  auto* box = new wxStaticBoxSizer(wxHORIZONTAL, this, text::capture_keep());
  auto* parent = box->GetStaticBox();
  save_responses_ = new wxCheckBox(parent, wxID_ANY, text::capture_save_responses());
  cookies_ = new wxCheckBox(parent, wxID_ANY, text::capture_cookies());
  history_ = new wxCheckBox(parent, wxID_ANY, text::capture_save_history());
  save_responses_->SetValue(true);
  history_->SetValue(true);
  for (auto* check : {save_responses_, cookies_, history_})
    box->Add(check, 0, wxALL, FromDIP(4));
  return box;
}

wxSizer* CaptureSetupPanel::make_collection() {
  auto* box = new wxStaticBoxSizer(wxVERTICAL, this, text::capture_collection());
  auto* parent = box->GetStaticBox();
  collection_ = new wxCheckBox(parent, wxID_ANY, text::capture_to_collection());
  box->Add(collection_, 0, wxALL, FromDIP(4));
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  collection_path_ = new wxTextCtrl(parent, wxID_ANY);
  collection_path_->SetHint(text::capture_collection_hint());
  browse_ = new wxButton(parent, wxID_ANY, text::capture_browse());
  by_domain_ = new wxCheckBox(parent, wxID_ANY, text::capture_by_domain());
  by_endpoint_ = new wxCheckBox(parent, wxID_ANY, text::capture_by_endpoint());
  row->Add(collection_path_, 1, wxRIGHT | wxALIGN_CENTER_VERTICAL, FromDIP(6));
  row->Add(browse_, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, FromDIP(12));
  row->Add(new wxStaticText(parent, wxID_ANY, text::capture_folders()), 0,
           wxRIGHT | wxALIGN_CENTER_VERTICAL, FromDIP(6));
  row->Add(by_domain_, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, FromDIP(8));
  row->Add(by_endpoint_, 0, wxALIGN_CENTER_VERTICAL);
  box->Add(row, 0, wxALL | wxEXPAND, FromDIP(4));
  collection_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) { sync_collection(); });
  browse_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { browse_collection(); });
  return box;
}

void CaptureSetupPanel::sync_collection() {
  const bool on = collection_->GetValue();
  for (wxWindow* window :
       std::initializer_list<wxWindow*>{collection_path_, browse_, by_domain_, by_endpoint_})
    window->Enable(on);
}

void CaptureSetupPanel::browse_collection() {
  if (auto path = prompts_.save_path(this, text::capture_collection_title(),
                                     "postern-collection.json", text::capture_json_wildcard()))
    collection_path_->SetValue(*path);
}

wxCheckBox* CaptureSetupPanel::method_box(const std::string& method) const {
  for (auto* box : methods_)
    if (box->GetLabel().utf8_string() == method) return box;
  return nullptr;
}

CaptureForm CaptureSetupPanel::form() const {
  CaptureForm form;
  form.name = name_->GetValue().utf8_string();
  form.url = url_->GetValue().utf8_string();
  form.url_is_regex = url_mode_->GetSelection() == 1;
  form.exclude = exclude_->GetValue().utf8_string();
  form.exclude_regex = exclude_regex_->GetValue().utf8_string();
  for (auto* box : methods_)
    if (box->GetValue()) form.methods.push_back(box->GetLabel().utf8_string());
  form.exclude_static = exclude_static_->GetValue();
  form.save_responses = save_responses_->GetValue();
  form.capture_cookies = cookies_->GetValue();
  form.save_to_history = history_->GetValue();
  form.to_collection = collection_->GetValue();
  form.collection_path = collection_path_->GetValue().utf8_string();
  form.group_by_domain = by_domain_->GetValue();
  form.group_by_endpoint = by_endpoint_->GetValue();
  return form;
}

void CaptureSetupPanel::set_form(const CaptureForm& form) {
  name_->ChangeValue(wxString::FromUTF8(form.name));
  url_->ChangeValue(wxString::FromUTF8(form.url));
  url_mode_->SetSelection(form.url_is_regex ? 1 : 0);
  exclude_->ChangeValue(wxString::FromUTF8(form.exclude));
  exclude_regex_->ChangeValue(wxString::FromUTF8(form.exclude_regex));
  for (auto* box : methods_)
    box->SetValue(std::find(form.methods.begin(), form.methods.end(),
                            box->GetLabel().utf8_string()) != form.methods.end());
  exclude_static_->SetValue(form.exclude_static);
  save_responses_->SetValue(form.save_responses);
  cookies_->SetValue(form.capture_cookies);
  history_->SetValue(form.save_to_history);
  collection_->SetValue(form.to_collection);
  collection_path_->ChangeValue(wxString::FromUTF8(form.collection_path));
  by_domain_->SetValue(form.group_by_domain);
  by_endpoint_->SetValue(form.group_by_endpoint);
  sync_collection();
}

void CaptureSetupPanel::show_runtime(const cc::CallResult<cc::RuntimeStatus>& status) {
  wxString address;
  if (!status) {
    show_problem(text::capture_runtime_down(wxString::FromUTF8(status.error().message)));
  } else if (status.value().proxy && !status.value().proxy->addresses.empty()) {
    address = wxString::FromUTF8(status.value().proxy->addresses.front());
    if (!starting_) show_problem(wxString());
  }
  proxy_source_->SetLabel(text::capture_source_proxy(address));
  Layout();
}

void CaptureSetupPanel::show_problem(const wxString& text) {
  problem_->SetLabel(text);
  problem_->Wrap(FromDIP(640));
  Layout();
}

void CaptureSetupPanel::start() {
  if (starting_) return;
  const auto form_now = form();
  auto result = capture_options_from(form_now);
  if (result.problem) {
    show_problem(*result.problem == FormProblem::collection_path_missing
                     ? text::capture_collection_missing()
                     : text::capture_collection_relative());
    return;
  }
  show_problem(wxString());
  starting_ = true;
  start_->Disable();
  std::optional<std::string> name;
  if (!form_now.name.empty()) name = form_now.name;
  service_.call<cc::Session>(
      [name, options = result.options](ControlApis& apis) {
        return apis.capture.start(name, options);
      },
      [this](cc::CallResult<cc::Session> started) {
        starting_ = false;
        start_->Enable();
        if (!started) {
          const auto& failure = started.error();
          show_problem(text::call_failed(wxString::FromUTF8(failure.message),
                                         wxString::FromUTF8(failure.remedy)));
          return;
        }
        on_started_(started.value());
      });
}

}  // namespace postern::gui
