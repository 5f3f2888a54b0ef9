// The capture window's string catalog, part one: the window, the setup form, the session bar,
// the requests list and the detail pane. Part two (cookies, history, overview, columns, units)
// is capture_list_strings.cpp; both are declared in capture_strings.hpp, one function per
// string, so a translator finds every string of the window through that one header.
#include "wizard/gui/capture/capture_strings.hpp"

#include "wizard/gui/translate.hpp"

namespace postern::gui::text {

wxString capture_title() {
  return _("Capture requests and cookies");
}

wxString tab_capture() {
  return _("Capture");
}

wxString tab_history() {
  return _("History");
}

wxString tab_overview() {
  return _("Overview");
}

wxString tab_requests() {
  return _("Requests");
}

wxString tab_cookies() {
  return _("Cookies");
}

wxString capture_connecting() {
  return _("Connecting to the Postern runtime…");
}

wxString capture_connected() {
  return _("Connected to the Postern runtime.");
}

wxString capture_disconnected(const wxString& why) {
  return wxString::Format(_("Not connected to the Postern runtime: %s Retrying…"), why);
}

wxString storage_failing(const wxString& message, const wxString& remedy, std::int64_t not_stored) {
  wxString text = wxString::Format(_("Captured requests are not being saved: %s"), message);
  if (!remedy.empty()) text += "\n" + wxString::Format(_("To fix it: %s."), remedy);
  const auto count = static_cast<long long>(not_stored);
  return text + "\n" +
         wxString::Format(P_("%lld request could not be saved since the runtime started.",
                             "%lld requests could not be saved since the runtime started.", count),
                          count);
}

wxString storage_recovered(std::int64_t not_stored, const wxString& last_message) {
  const auto count = static_cast<long long>(not_stored);
  return wxString::Format(P_("Saving works again. %lld captured request could not be saved "
                             "earlier (%s).",
                             "Saving works again. %lld captured requests could not be saved "
                             "earlier (%s).",
                             count),
                          count, last_message);
}

wxString capture_setup_heading() {
  return _("Capture requests and cookies");
}

wxString capture_source() {
  return _("Source");
}

wxString capture_source_proxy(const wxString& address) {
  if (address.empty()) return _("Capture &proxy");
  return wxString::Format(_("Capture &proxy (point clients at %s)"), address);
}

wxString capture_source_extension() {
  return _("Bro&wser extension");
}

wxString capture_source_extension_tip() {
  return _("The extension records its own sessions; they appear in the History.");
}

wxString capture_filters() {
  return _("What to capture");
}

wxString capture_name_label() {
  return _("Session &name:");
}

wxString capture_name_hint() {
  return _("optional; the date and time when empty");
}

wxString capture_url_label() {
  return _("&URL:");
}

wxString capture_url_contains() {
  return _("contains");
}

wxString capture_url_regex() {
  return _("matches the regular expression");
}

wxString capture_exclude_label() {
  return _("E&xclude URLs containing:");
}

wxString capture_exclude_hint() {
  return _("comma-separated, e.g. analytics, /health");
}

wxString capture_exclude_regex_label() {
  return _("Exclude re&gex:");
}

wxString capture_methods_label() {
  return _("&Methods:");
}

wxString capture_methods_hint() {
  return _("(none ticked: all)");
}

wxString capture_exclude_static() {
  return _("Exclude &images, JavaScript and CSS");
}

wxString capture_keep() {
  return _("What to keep");
}

wxString capture_save_responses() {
  return _("Save &responses");
}

wxString capture_cookies() {
  return _("Capture coo&kies");
}

wxString capture_save_history() {
  return _("Save to &history");
}

wxString capture_collection() {
  return _("Collection");
}

wxString capture_to_collection() {
  return _("Also save to a co&llection file when the session stops");
}

wxString capture_collection_hint() {
  return _("/absolute/path/collection.json");
}

wxString capture_browse() {
  return _("&Browse…");
}

wxString capture_folders() {
  return _("Folders:");
}

wxString capture_by_domain() {
  return _("by &domain");
}

wxString capture_by_endpoint() {
  return _("by endpoin&t");
}

wxString capture_collection_title() {
  return _("Save the collection as");
}

wxString capture_json_wildcard() {
  return _("JSON files (*.json)|*.json|All files (*)|*");
}

wxString capture_har_wildcard() {
  return _("HAR files (*.har)|*.har|All files (*)|*");
}

wxString capture_collection_missing() {
  return _("Choose the file the collection is saved to, or untick the collection.");
}

wxString capture_collection_relative() {
  return _("The collection file needs a full path (starting with /).");
}

wxString capture_runtime_down(const wxString& why) {
  return wxString::Format(_("The runtime does not answer: %s Start it with Set up… or `postern "
                            "runtime start`; this window connects by itself once it runs."),
                          why);
}

wxString capture_start() {
  return _("&Start capture");
}

wxString call_failed(const wxString& message, const wxString& remedy) {
  return remedy.empty() ? message : message + "\n" + remedy;
}

wxString session_pause() {
  return _("Pa&use");
}

wxString session_resume() {
  return _("&Resume");
}

wxString session_stop() {
  return _("S&top");
}

wxString session_new() {
  return _("New &capture…");
}

wxString session_summary(const wxString& time, std::int64_t requests, const wxString& size) {
  return wxString::Format(P_("%s  ·  %lld request  ·  %s", "%s  ·  %lld requests  ·  %s", requests),
                          time, static_cast<long long>(requests), size);
}

wxString session_facts(const wxString& started, const wxString& duration, std::int64_t requests,
                       const wxString& size, const wxString& source) {
  return wxString::Format(P_("Started %s  ·  %s  ·  %lld request  ·  %s  ·  source: %s",
                             "Started %s  ·  %s  ·  %lld requests  ·  %s  ·  source: %s", requests),
                          started, duration, static_cast<long long>(requests), size, source);
}

wxString state_running() {
  return _("Running");
}

wxString state_paused() {
  return _("Paused");
}

wxString state_stopped() {
  return _("Stopped");
}

wxString requests_search_label() {
  return _("&Search:");
}

wxString requests_search_hint() {
  return _("URL contains…");
}

wxString requests_delete() {
  return _("&Delete");
}

wxString requests_delete_tip() {
  return _("Delete the selected requests from the session (Delete key)");
}

wxString requests_deleted(std::size_t count) {
  return wxString::Format(P_("Deleted %zu request.", "Deleted %zu requests.", count), count);
}

wxString requests_per_page() {
  return _("Per pa&ge:");
}

wxString requests_previous() {
  return _("&Previous");
}

wxString requests_next() {
  return _("Ne&xt");
}

wxString requests_pager(std::int64_t page, std::int64_t pages, std::int64_t total) {
  return wxString::Format(
      P_("Page %lld of %lld  ·  %lld request", "Page %lld of %lld  ·  %lld requests", total),
      static_cast<long long>(page), static_cast<long long>(pages), static_cast<long long>(total));
}

wxString detail_pick() {
  return _("Select a request to see its headers and bodies.");
}

wxString detail_loading() {
  return _("Loading…");
}

wxString detail_request() {
  return _("── Request ──");
}

wxString detail_response() {
  return _("── Response ──");
}

wxString detail_no_response(const wxString& error) {
  return wxString::Format(_("No response: %s"), error);
}

wxString capture_body_empty() {
  return _("(no body)");
}

wxString capture_body_binary(const wxString& size) {
  return wxString::Format(_("(binary body, %s)"), size);
}

wxString capture_body_cut(const wxString& size) {
  return wxString::Format(_("(cut here; the whole body is %s)"), size);
}

wxString capture_body_omitted(const std::string& reason) {
  if (reason == "media") return _("(not kept: images, audio and video keep no body)");
  if (reason == "not_saved") return _("(not kept: Save responses was off)");
  return wxString::Format(_("(not kept: %s)"), wxString::FromUTF8(reason));
}

}  // namespace postern::gui::text
