// The wizard's string catalog. One file on purpose: a translator (or a reviewer checking tone)
// has every sentence in one place. It is long only because it is a flat list of one-line
// functions, one per string.
#include "wizard/gui/strings.hpp"

#include <wx/intl.h>

// The literals below are UTF-8 ("…", "—"); wx's _() would convert them with the C library's
// locale, which turns them into empty strings under LANG=C. The same keyword (_) keeps them
// extractable by xgettext.
#undef _
#define _(text) wxGetTranslation(wxString::FromUTF8(text))

namespace postern::gui::text {

wxString app_title() {
  return _("Postern");
}

wxString wizard_title() {
  return _("Postern setup");
}

wxString close() {
  return _("&Close");
}

wxString welcome_heading() {
  return _("Welcome to Postern");
}

wxString welcome_intro() {
  return _(
      "This wizard sets Postern up for your user account. It installs these, and records each one "
      "so that Reset can remove exactly them later:");
}

wxString welcome_item_manifests() {
  return _(
      "a native-messaging manifest for each browser you choose, so the Postern extension can start "
      "the bridge");
}

wxString welcome_admin() {
  return _(
      "Administrator rights: only the system trust store needs them (you will be asked for a "
      "password if you choose it). Everything else stays in your home folder.");
}

wxString detect_heading() {
  return _("What is on this machine");
}

wxString detect_running() {
  return _("Looking for browsers, trust stores and an earlier install…");
}

wxString detect_browsers_label() {
  return _("Browsers:");
}

wxString detect_stores_label() {
  return _("Trust stores for the proxy's certificate authority (CA):");
}

wxString detect_again() {
  return _("&Detect again");
}

wxString detect_wait() {
  return _("Detection is still running; Next works when it has finished.");
}

wxString detect_no_browser() {
  return _(
      "No supported browser was found. Install Chromium, Chrome, Edge, Brave or Firefox, then "
      "press Detect again.");
}

wxString browser_ready() {
  return _("ready");
}

wxString store_absent() {
  return _("not on this machine");
}

wxString install_none() {
  return _("No earlier Postern install was found.");
}

wxString choose_heading() {
  return _("Choose what to set up");
}

wxString choose_browsers_label() {
  return _("&Browsers to register the bridge with:");
}

wxString choose_stores_label() {
  return _("&Trust stores for the CA (none: install it later):");
}

wxString choose_port_label() {
  return _("Proxy &port:");
}

wxString choose_lan() {
  return _("Capture from other devices on the &LAN");
}

wxString choose_lan_tip() {
  return _(
      "The proxy listens on every network interface, so phones and other machines can use it. "
      "Without this it listens on 127.0.0.1 only.");
}

wxString choose_key_label() {
  return _("Encryption key between the extension and the bridge:");
}

wxString choose_key_generated() {
  return _("&Generate a random key (recommended)");
}

wxString choose_key_custom() {
  return _("Use my &own key:");
}

wxString choose_no_browser() {
  return _(
      "Choose at least one browser: the extension reaches Postern through the browser's bridge "
      "registration.");
}

wxString key_rule() {
  return _("A custom key has 10 to 256 letters and digits (A-Z, a-z, 0-9).");
}

wxString key_ok() {
  return _("This key can be used. Enter the same key in the extension (its lock icon).");
}

wxString install_heading() {
  return _("Installing");
}

wxString install_waiting() {
  return _("Waiting to start…");
}

wxString install_running() {
  return _("Installing… Cancel stops before the next step.");
}

wxString install_cancelling() {
  return _("Cancelling after the current step…");
}

wxString install_cancelled() {
  return _(
      "Cancelled. What was done is recorded: run setup again to finish it, or Reset to remove it.");
}

wxString install_ok() {
  return _("Everything is installed.");
}

wxString install_failed() {
  return _("Some steps failed; each row says why. The Diagnose page shows what to do.");
}

wxString install_wait() {
  return _("The install is still running.");
}

wxString cancel_confirm() {
  return _(
      "The install is still running. Stop it after the current step?\n\nWhat is done stays "
      "recorded: setup again completes it, Reset removes it.");
}

wxString status_done() {
  return _("Done");
}

wxString status_already() {
  return _("Already there");
}

wxString status_skipped() {
  return _("Skipped");
}

wxString status_failed() {
  return _("Failed");
}

wxString status_running() {
  return _("Running…");
}

wxString diagnose_heading() {
  return _("Diagnose");
}

wxString diagnose_intro() {
  return _("Each row is one check. Select a row to read its cause and remedy in full.");
}

wxString diagnose_wait() {
  return _("The checks are still running.");
}

wxString doctor_running() {
  return _("Checking…");
}

wxString doctor_fixing() {
  return _("Fixing…");
}

wxString doctor_fix() {
  return _("&Fix what can be fixed");
}

wxString doctor_fix_tip() {
  return _("Runs setup's steps again for what was installed; rows marked (fixable) are repaired.");
}

wxString doctor_again() {
  return _("Diagnose &again");
}

wxString doctor_select_row() {
  return _("Select a row for its details.");
}

wxString doctor_fixable_mark() {
  return _("(fixable)");
}

wxString verdict_connected() {
  return _("Connected");
}

wxString verdict_not_connected() {
  return _("Not connected");
}

wxString verdict_dependencies() {
  return _("Dependencies not installed");
}

wxString finish_heading() {
  return _("Postern is ready");
}

wxString finish_runtime_running() {
  return _("The Postern runtime is running.");
}

wxString finish_runtime_not_started() {
  return _(
      "The Postern runtime was not started; the bridge starts it when the extension connects.");
}

wxString finish_lan() {
  return _("Other devices reach the proxy at:");
}

wxString finish_no_lan() {
  return _("(no network address found: is the machine on a network?)");
}

wxString finish_extension() {
  return _("Install the Postern extension in your browser; it connects to the bridge by itself.");
}

wxString finish_capture() {
  return _("Open &capture window");
}

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

wxString welcome_item_bridge(const std::string& path) {
  return wxString::Format(_("the bridge, which the browser starts: %s"), wxString::FromUTF8(path));
}

wxString welcome_item_key(const std::string& path) {
  return wxString::Format(_("an encryption key for the extension and the bridge: %s"),
                          wxString::FromUTF8(path));
}

wxString welcome_item_ca(const std::string& path) {
  return wxString::Format(
      _("the proxy's certificate authority (CA), trusted by the stores you choose: %s"),
      wxString::FromUTF8(path));
}

wxString welcome_item_runtime(const std::string& path) {
  return wxString::Format(_("the runtime with the capture proxy, started at the end: %s"),
                          wxString::FromUTF8(path));
}

wxString welcome_ledger(const std::string& path) {
  return wxString::Format(_("The list of what was installed is kept in %s."),
                          wxString::FromUTF8(path));
}

wxString detect_done(std::size_t browsers) {
  return wxString::Format(_("Found %lu browser(s)."), static_cast<unsigned long>(browsers));
}

wxString store_tool_missing(const std::string& tool) {
  return wxString::Format(_("its tool is missing: %s"), wxString::FromUTF8(tool));
}

wxString store_found(std::size_t targets) {
  return wxString::Format(_("found (%lu place(s))"), static_cast<unsigned long>(targets));
}

wxString install_ledger_broken(const std::string& why) {
  return wxString::Format(_("The install ledger cannot be read: %s"), wxString::FromUTF8(why));
}

wxString choose_bad_port(const wxString& typed) {
  return wxString::Format(_("\"%s\" is not a port: use a number from 1 to 65535."), typed);
}

wxString choose_bad_key(const wxString& why) {
  return wxString::Format(_("The key cannot be used: %s."), why);
}

wxString finish_proxy(const wxString& address) {
  return wxString::Format(_("Capture proxy: %s (set it as the HTTP and HTTPS proxy)."), address);
}

wxString finish_ca_url(const wxString& url) {
  return wxString::Format(
      _("Phones and other devices: through the proxy, open %s to download the CA."), url);
}

wxString finish_ca_file(const wxString& path) {
  return wxString::Format(_("The CA certificate on this machine: %s"), path);
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

wxString install_found(std::size_t entries, bool bridge, bool ca, bool runtime) {
  return wxString::Format(
      _("An earlier install: %lu ledger item(s); bridge %s; CA %s; runtime %s."),
      static_cast<unsigned long>(entries), bridge ? _("installed") : _("missing"),
      ca ? _("present") : _("missing"), runtime ? _("running") : _("stopped"));
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
