// The wizard's string catalog, part one: the pages of the setup wizard. Part two (the main
// window, its dialogs, the tables' columns) is main_strings.cpp; both are declared in
// strings.hpp, one function per string, so a translator (or a reviewer checking tone) finds
// every sentence through that one header.
#include "wizard/gui/strings.hpp"

#include "wizard/gui/translate.hpp"

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

wxString install_found(std::size_t entries, bool bridge, bool ca, bool runtime) {
  return wxString::Format(
      _("An earlier install: %lu ledger item(s); bridge %s; CA %s; runtime %s."),
      static_cast<unsigned long>(entries), bridge ? _("installed") : _("missing"),
      ca ? _("present") : _("missing"), runtime ? _("running") : _("stopped"));
}

}  // namespace postern::gui::text
