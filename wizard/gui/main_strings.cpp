// The wizard's string catalog, part two: the main window, its dialogs (reset, set key, export
// the CA) and the tables' columns. Part one, and the header for both, is strings.*.
#include "wizard/gui/strings.hpp"

#include "wizard/gui/translate.hpp"

namespace postern::gui::text {

wxString main_checking() {
  return _("Checking what is installed…");
}

wxString main_not_installed() {
  return _("Postern is not set up for this user yet. Start with Set up.");
}

wxString action_setup() {
  return _("&Set up…");
}

wxString action_setup_help() {
  return _("Install the bridge, register it with your browsers, trust the CA.");
}

wxString action_diagnose() {
  return _("&Diagnose…");
}

wxString action_diagnose_help() {
  return _("Check every part and say what is wrong and how to fix it.");
}

wxString action_reset() {
  return _("&Reset…");
}

wxString action_reset_help() {
  return _("Remove everything setup installed, item by item.");
}

wxString action_set_key() {
  return _("Set encryption &key…");
}

wxString action_set_key_help() {
  return _("Use your own key for the extension and the bridge.");
}

wxString action_export_ca() {
  return _("&Export CA…");
}

wxString action_export_ca_help() {
  return _("Save the CA certificate (never its key) for phones and other machines.");
}

wxString export_title() {
  return _("Export the CA certificate");
}

wxString export_filter_pem() {
  return _("PEM certificate");
}

wxString export_filter_der() {
  return _("DER certificate (Android, Windows)");
}

wxString export_filter_p12() {
  return _("PKCS#12 without key");
}

wxString reset_title() {
  return _("Reset Postern");
}

wxString reset_heading() {
  return _("Remove what setup installed");
}

wxString reset_listing() {
  return _("Reading the install ledger…");
}

wxString reset_remove() {
  return _("&Remove all");
}

wxString reset_running() {
  return _("Removing…");
}

wxString reset_will_remove() {
  return _("Will remove");
}

wxString reset_nothing() {
  return _("Nothing to remove: Postern is not installed for this user.");
}

wxString reset_done() {
  return _("Everything was removed.");
}

wxString key_title() {
  return _("Set encryption key");
}

wxString key_intro() {
  return _(
      "The extension and the bridge encrypt what they exchange. Set your own key here and the same "
      "key in the extension (its lock icon); until both match they refuse each other.");
}

wxString key_label() {
  return _("&Key:");
}

wxString key_save() {
  return _("&Save");
}

wxString key_saving() {
  return _("Saving…");
}

wxString reset_confirm(std::size_t items) {
  return wxString::Format(_("Remove these %lu item(s) from this machine?"),
                          static_cast<unsigned long>(items));
}

wxString reset_preview(std::size_t items) {
  return wxString::Format(_("These %lu item(s) will be removed:"),
                          static_cast<unsigned long>(items));
}

wxString reset_failed(std::size_t failed) {
  return wxString::Format(
      _("%lu item(s) could not be removed; each row says how to remove it by hand."),
      static_cast<unsigned long>(failed));
}

wxString doctor_details(const std::string& code, const std::string& target,
                        const std::string& cause, const std::string& remedy) {
  return wxString::Format(_("%s at %s\nCause: %s\nRemedy: %s"), wxString::FromUTF8(code),
                          wxString::FromUTF8(target), wxString::FromUTF8(cause),
                          wxString::FromUTF8(remedy));
}

wxString col_browser() {
  return _("Browser");
}

wxString col_packaging() {
  return _("Packaging");
}

wxString col_found_at() {
  return _("Found at");
}

wxString col_note() {
  return _("Note");
}

wxString col_store() {
  return _("Store");
}

wxString col_state() {
  return _("Status");
}

wxString col_step() {
  return _("Step");
}

wxString col_target() {
  return _("Where");
}

wxString col_code() {
  return _("Code");
}

wxString col_cause() {
  return _("Cause");
}

wxString col_remedy() {
  return _("What to do");
}

wxString col_item() {
  return _("Item");
}

wxString check_ok() {
  return _("OK");
}

wxString check_problem() {
  return _("Problem");
}

wxString check_not_applicable() {
  return _("n/a");
}

wxString col_check() {
  return _("Check");
}

}  // namespace postern::gui::text
