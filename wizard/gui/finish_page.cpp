#include "wizard/gui/finish_page.hpp"

#include "certs/certificate_authority.hpp"
#include "runtime/proxy/lan_addresses.hpp"
#include "wizard/gui/capture/capture_window.hpp"
#include "wizard/gui/export_ca.hpp"
#include "wizard/gui/strings.hpp"

namespace postern::gui {

namespace {

// The runtime step's outcome, when the install reached it.
const base::Outcome* runtime_outcome(const WizardState& state) {
  for (const auto& outcome : state.install_outcomes)
    if (outcome.store == "runtime") return &outcome;
  return nullptr;
}

}  // namespace

wxString finish_summary(const WizardState& state, const base::AppPaths& paths,
                        const std::vector<std::string>& lan_addresses) {
  const auto port = state.choices.proxy_port.value_or(setup::kDefaultProxyPort);
  wxString out;
  const auto* runtime = runtime_outcome(state);
  out << (runtime && runtime->ok() ? text::finish_runtime_running()
                                   : text::finish_runtime_not_started())
      << "\n\n";
  out << text::finish_proxy(wxString::Format("127.0.0.1:%u", port)) << "\n";
  if (state.choices.lan) {
    out << text::finish_lan() << "\n";
    for (const auto& address : lan_addresses)
      out << "    "
          << wxString::FromUTF8(address.find(':') != std::string::npos ? "[" + address + "]"
                                                                       : address)
          << wxString::Format(":%u", port) << "\n";
    if (lan_addresses.empty()) out << "    " << text::finish_no_lan() << "\n";
  }
  const auto ca = certs::CaFiles::in(paths.proxy_dir());
  out << "\n" << text::finish_ca_url("http://postern.proxy/") << "\n";
  out << text::finish_ca_file(wxString::FromUTF8(ca.cert.string())) << "\n";
  out << "\n" << text::finish_extension();
  return out;
}

FinishPage::FinishPage(wxWizard* parent, WizardContext& context, WizardState& state)
    : Page(parent, context, state, "finish", text::finish_heading()) {
  summary_ =
      new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, FromDIP(wxSize(600, 230)),
                     wxTE_MULTILINE | wxTE_READONLY | wxTE_WORDWRAP | wxBORDER_NONE);
  summary_->SetBackgroundColour(GetBackgroundColour());
  body_->Add(summary_, 1, wxEXPAND | wxBOTTOM, FromDIP(8));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  capture_ = new wxButton(this, wxID_ANY, text::finish_capture());
  export_ = new wxButton(this, wxID_ANY, text::action_export_ca());
  buttons->Add(capture_, 0, wxRIGHT, FromDIP(8));
  buttons->Add(export_, 0);
  body_->Add(buttons, 0);
  export_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { export_ca_interactively(this, context_); });
  capture_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { open_capture(); });
}

CaptureWindow* FinishPage::open_capture() {
  // Owned by the wizard's owner (the main window), not the wizard: Finish destroys the wizard,
  // and the capture window is what the user goes on with.
  auto* owner = wxGetTopLevelParent(this)->GetParent();
  return CaptureWindow::open(owner, context_.engine.paths().runtime);
}

void FinishPage::on_shown() {
  if (!state_.choices.lan) {
    show({});
    return;
  }
  // Listing interfaces asks the kernel: off the UI thread like every other probe.
  context_.worker.start<std::vector<std::string>>(
      this, [] { return proxy::lan_addresses(); },
      [this](std::vector<std::string> addresses) { show(addresses); });
}

void FinishPage::show(const std::vector<std::string>& lan_addresses) {
  summary_->SetValue(finish_summary(state_, context_.engine.paths(), lan_addresses));
  shown_ = true;
}

}  // namespace postern::gui
