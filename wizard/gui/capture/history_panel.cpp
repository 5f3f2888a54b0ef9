#include "wizard/gui/capture/history_panel.hpp"

#include <wx/sizer.h>
#include <wx/splitter.h>

#include <algorithm>
#include <cctype>

#include "wizard/gui/capture/capture_format.hpp"
#include "wizard/gui/capture/capture_strings.hpp"

namespace postern::gui {

namespace cc = control_client;

namespace {

enum Column { kName, kStarted, kDuration, kSize, kRequests, kSource, kState };

// A file name from a session name: letters, digits, '-' and '_' kept, the rest '-'.
wxString file_name_for(const cc::Session& session, const char* extension) {
  std::string name;
  for (char c : session.name)
    name += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ? c : '-';
  if (name.empty()) name = "session-" + std::to_string(session.id);
  return wxString::FromUTF8(name + extension);
}

std::vector<std::string> group_by_choice(int selection) {
  switch (selection) {
    case 1:
      return {"domain"};
    case 2:
      return {"endpoint"};
    case 3:
      return {"domain", "endpoint"};
    default:
      return {};
  }
}

}  // namespace

HistoryPanel::HistoryPanel(wxWindow* parent, CaptureService& service, const CapturePrompts& prompts)
    : wxPanel(parent), service_(service), prompts_(prompts) {
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* split = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                     wxSP_LIVE_UPDATE | wxSP_3DSASH);
  auto* top = new wxPanel(split);
  auto* top_sizer = new wxBoxSizer(wxVERTICAL);
  top_sizer->Add(make_actions(top), 0, wxALL | wxEXPAND, FromDIP(6));
  list_ = new wxListCtrl(top, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                         wxLC_REPORT | wxLC_SINGLE_SEL);
  list_->AppendColumn(text::col_name(), wxLIST_FORMAT_LEFT, FromDIP(220));
  list_->AppendColumn(text::col_started(), wxLIST_FORMAT_LEFT, FromDIP(150));
  list_->AppendColumn(text::col_duration(), wxLIST_FORMAT_RIGHT, FromDIP(80));
  list_->AppendColumn(text::col_size(), wxLIST_FORMAT_RIGHT, FromDIP(80));
  list_->AppendColumn(text::col_requests(), wxLIST_FORMAT_RIGHT, FromDIP(80));
  list_->AppendColumn(text::col_source(), wxLIST_FORMAT_LEFT, FromDIP(80));
  list_->AppendColumn(text::col_session_state(), wxLIST_FORMAT_LEFT, FromDIP(80));
  top_sizer->Add(list_, 1, wxLEFT | wxRIGHT | wxEXPAND, FromDIP(6));
  message_ = new wxStaticText(top, wxID_ANY, wxString());
  top_sizer->Add(message_, 0, wxALL | wxEXPAND, FromDIP(6));
  top->SetSizer(top_sizer);
  view_ = new SessionView(split, service_);
  split->SetMinimumPaneSize(FromDIP(120));
  split->SplitHorizontally(top, view_, FromDIP(200));
  sizer->Add(split, 1, wxEXPAND);
  SetSizer(sizer);
  list_->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { on_selected(); });
  list_->Bind(wxEVT_LIST_KEY_DOWN, [this](wxListEvent& event) {
    if (event.GetKeyCode() == WXK_DELETE) delete_selected();
    if (event.GetKeyCode() == WXK_F2) rename_selected();
  });
  sync_buttons();
}

wxSizer* HistoryPanel::make_actions(wxWindow* parent) {
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  rename_ = new wxButton(parent, wxID_ANY, text::history_rename());
  delete_ = new wxButton(parent, wxID_ANY, text::history_delete());
  export_har_ = new wxButton(parent, wxID_ANY, text::history_export_har());
  export_collection_ = new wxButton(parent, wxID_ANY, text::history_export_collection());
  folders_ = new wxChoice(parent, wxID_ANY);
  for (const auto& label : {text::folders_none(), text::folders_domain(), text::folders_endpoint(),
                            text::folders_both()})
    folders_->Append(label);
  folders_->SetSelection(0);
  refresh_ = new wxButton(parent, wxID_ANY, text::history_refresh());
  for (auto* button : {rename_, delete_, export_har_, export_collection_})
    row->Add(button, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, FromDIP(6));
  row->Add(new wxStaticText(parent, wxID_ANY, text::history_folders()), 0,
           wxRIGHT | wxALIGN_CENTER_VERTICAL, FromDIP(4));
  row->Add(folders_, 0, wxRIGHT | wxALIGN_CENTER_VERTICAL, FromDIP(6));
  row->AddStretchSpacer();
  row->Add(refresh_, 0, wxALIGN_CENTER_VERTICAL);
  rename_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { rename_selected(); });
  delete_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { delete_selected(); });
  export_har_->Bind(wxEVT_BUTTON,
                    [this](wxCommandEvent&) { export_selected(cc::ExportFormat::har); });
  export_collection_->Bind(
      wxEVT_BUTTON, [this](wxCommandEvent&) { export_selected(cc::ExportFormat::collection); });
  refresh_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { reload(); });
  return row;
}

void HistoryPanel::reload() {
  ++generation_;
  loading_ = true;
  service_.call<std::vector<cc::Session>>(
      [](ControlApis& apis) { return apis.capture.sessions(); },
      [this, generation = generation_](cc::CallResult<std::vector<cc::Session>> sessions) {
        if (generation != generation_) return;
        loading_ = false;
        if (!sessions) {
          show_message(wxString::FromUTF8(sessions.error().message));
          return;
        }
        show_sessions(std::move(sessions.value()));
      });
}

void HistoryPanel::show_sessions(std::vector<cc::Session> sessions) {
  // Ids are positive; 0 keeps nothing (a plain integer: GCC's -O2 misjudges an optional here).
  std::int64_t keep = 0;
  if (wanted_)
    keep = *wanted_;
  else if (view_->session())
    keep = view_->session()->id;
  sessions_ = std::move(sessions);
  list_->DeleteAllItems();
  long keep_row = -1;
  for (std::size_t i = 0; i < sessions_.size(); ++i) {
    const auto& s = sessions_[i];
    const long row = list_->InsertItem(static_cast<long>(i), wxString::FromUTF8(s.name));
    list_->SetItem(row, kStarted, local_time(s.started_at));
    list_->SetItem(row, kDuration, clock_duration(s.duration_ms));
    list_->SetItem(row, kSize, human_size(s.total_bytes));
    list_->SetItem(row, kRequests,
                   wxString::Format("%lld", static_cast<long long>(s.exchange_count)));
    list_->SetItem(row, kSource, wxString::FromUTF8(s.source));
    list_->SetItem(row, kState, session_state_name(s.state));
    if (s.id == keep) keep_row = row;
  }
  if (keep_row >= 0) {
    wanted_.reset();
    // Selecting sends the selection event, which opens it (again, with fresh numbers).
    list_->SetItemState(keep_row, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                        wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
    list_->EnsureVisible(keep_row);
    on_selected();  // whether or not setting the state sent the event: it opens once
    if (view_->session() && view_->session()->id == sessions_[keep_row].id)
      view_->show_header(sessions_[keep_row]);
  } else if (view_->session() && !wanted_) {
    view_->show(std::nullopt);  // it was deleted elsewhere
  }
  sync_buttons();
}

void HistoryPanel::open(std::int64_t id) {
  wanted_ = id;
  reload();
}

std::optional<cc::Session> HistoryPanel::selected() const {
  const long row = list_->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || row >= static_cast<long>(sessions_.size())) return std::nullopt;
  return sessions_[row];
}

void HistoryPanel::on_selected() {
  const auto session = selected();
  if (session && (!view_->session() || view_->session()->id != session->id)) view_->show(session);
  sync_buttons();
}

void HistoryPanel::sync_buttons() {
  const bool any = selected().has_value();
  for (auto* button : {rename_, delete_, export_har_, export_collection_})
    button->Enable(any && !acting_);
}

void HistoryPanel::rename_selected() {
  const auto session = selected();
  if (!session || acting_) return;
  const auto name =
      prompts_.ask_text(this, text::history_rename_question(), wxString::FromUTF8(session->name));
  if (!name || name->Strip(wxString::both).empty()) return;
  acting_ = true;
  sync_buttons();
  service_.call<cc::Session>(
      [id = session->id, name = name->Strip(wxString::both).utf8_string()](ControlApis& apis) {
        return apis.capture.rename(id, name);
      },
      [this](cc::CallResult<cc::Session> renamed) {
        acting_ = false;
        if (!renamed) {
          show_message(wxString::FromUTF8(renamed.error().message));
          sync_buttons();
          return;
        }
        show_message(text::history_renamed(wxString::FromUTF8(renamed.value().name)));
        view_->show_header(renamed.value());
        reload();
      });
}

void HistoryPanel::delete_selected() {
  const auto session = selected();
  if (!session || acting_) return;
  if (!prompts_.confirm(this, text::history_delete_question(wxString::FromUTF8(session->name),
                                                            session->exchange_count)))
    return;
  acting_ = true;
  sync_buttons();
  service_.call<base::Ok>([id = session->id](ControlApis& apis) { return apis.capture.remove(id); },
                          [this, session](cc::CallResult<base::Ok> removed) {
                            acting_ = false;
                            if (!removed) {
                              show_message(wxString::FromUTF8(removed.error().message));
                              sync_buttons();
                              return;
                            }
                            show_message(text::history_deleted(wxString::FromUTF8(session->name)));
                            if (view_->session() && view_->session()->id == session->id)
                              view_->show(std::nullopt);
                            reload();
                          });
}

void HistoryPanel::export_selected(cc::ExportFormat format) {
  const auto session = selected();
  if (!session || acting_) return;
  const bool har = format == cc::ExportFormat::har;
  const auto path = prompts_.save_path(
      this, har ? text::history_export_har_title() : text::history_export_collection_title(),
      file_name_for(*session, har ? ".har" : ".postman_collection.json"),
      har ? text::capture_har_wildcard() : text::capture_json_wildcard());
  if (!path) return;
  cc::ExportRequest request{
      format, har ? std::vector<std::string>{} : group_by_choice(folders_->GetSelection()),
      std::filesystem::path(path->utf8_string())};
  acting_ = true;
  sync_buttons();
  service_.call<cc::ExportResult>(
      [id = session->id, request](ControlApis& apis) {
        return apis.capture.export_session(id, request);
      },
      [this](cc::CallResult<cc::ExportResult> written) {
        acting_ = false;
        sync_buttons();
        show_message(written ? text::history_exported(
                                   human_size(static_cast<std::int64_t>(written.value().bytes)),
                                   wxString::FromUTF8(written.value().path.string()))
                             : wxString::FromUTF8(written.error().message));
      });
}

void HistoryPanel::show_message(const wxString& text) {
  message_->SetLabel(text);
  Layout();
}

}  // namespace postern::gui
