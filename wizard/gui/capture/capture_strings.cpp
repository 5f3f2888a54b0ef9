// The capture window's string catalog: a flat list of one-line functions, one per string, like
// strings.cpp (the same UTF-8 rule for _()), so a translator has them all in one file.
#include "wizard/gui/capture/capture_strings.hpp"

#include <wx/intl.h>

#undef _
#define _(text) wxGetTranslation(wxString::FromUTF8(text))
// Singular and plural by count, as xgettext's ngettext keyword.
#define P_(one, many, n) \
  wxGetTranslation(wxString::FromUTF8(one), wxString::FromUTF8(many), static_cast<unsigned>(n))

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

wxString cookies_add() {
  return _("&Add to cookie jar");
}

wxString cookies_add_tip() {
  return _(
      "Put the cookies of the selected lines (all lines when none is selected) into Postern's "
      "cookie jar");
}

wxString cookies_delete() {
  return _("Delete from &jar");
}

wxString cookies_delete_tip() {
  return _("Delete the cookies the selected lines name from Postern's cookie jar");
}

wxString cookies_added(std::int64_t added, std::int64_t removed) {
  wxString out =
      wxString::Format(P_("Added %lld cookie to the jar.", "Added %lld cookies to the jar.", added),
                       static_cast<long long>(added));
  if (removed > 0)
    out << " "
        << wxString::Format(P_("%lld expired line deleted its cookie.",
                               "%lld expired lines deleted their cookies.", removed),
                            static_cast<long long>(removed));
  return out;
}

wxString cookies_refused(std::size_t count, const wxString& first_reason) {
  return wxString::Format(P_("%zu line refused: %s", "%zu lines refused; the first: %s", count),
                          count, first_reason);
}

wxString cookies_pick() {
  return _("Select the cookie lines to delete first.");
}

wxString cookies_deleted(std::int64_t removed) {
  return wxString::Format(
      P_("Deleted %lld cookie from the jar.", "Deleted %lld cookies from the jar.", removed),
      static_cast<long long>(removed));
}

wxString cookie_set_cookie() {
  return _("Set-Cookie");
}

wxString cookie_cookie() {
  return _("Cookie");
}

wxString history_rename() {
  return _("Re&name…");
}

wxString history_delete() {
  return _("Delete sess&ion");
}

wxString history_export_har() {
  return _("Export &HAR…");
}

wxString history_export_collection() {
  return _("Export co&llection…");
}

wxString history_folders() {
  return _("F&olders:");
}

wxString folders_none() {
  return _("none");
}

wxString folders_domain() {
  return _("by domain");
}

wxString folders_endpoint() {
  return _("by endpoint");
}

wxString folders_both() {
  return _("by domain and endpoint");
}

wxString history_refresh() {
  return _("Re&fresh");
}

wxString history_none_open() {
  return _("Select a session to open it.");
}

wxString history_rename_question() {
  return _("New name for the session:");
}

wxString history_renamed(const wxString& name) {
  return wxString::Format(_("Renamed to “%s”."), name);
}

wxString history_delete_question(const wxString& name, std::int64_t requests) {
  return wxString::Format(
      P_("Delete the session “%s” and its %lld request? This cannot be undone.",
         "Delete the session “%s” and its %lld requests? This cannot be undone.", requests),
      name, static_cast<long long>(requests));
}

wxString history_deleted(const wxString& name) {
  return wxString::Format(_("Deleted “%s”."), name);
}

wxString history_export_har_title() {
  return _("Export the session as HAR");
}

wxString history_export_collection_title() {
  return _("Export the session as a Postman collection");
}

wxString history_exported(const wxString& size, const wxString& path) {
  return wxString::Format(_("Wrote %s to %s"), size, path);
}

wxString overview_by_method() {
  return _("By method");
}

wxString overview_by_domain() {
  return _("By domain");
}

wxString overview_by_data_mode() {
  return _("By data mode");
}

wxString overview_by_status() {
  return _("By status code");
}

wxString overview_none() {
  return _("No requests");
}

wxString overview_other() {
  return _("other");
}

wxString overview_total(std::int64_t total) {
  return wxString::Format(
      P_("%lld request in this session", "%lld requests in this session", total),
      static_cast<long long>(total));
}

wxString capture_open() {
  return _("&Capture…");
}

wxString capture_open_help() {
  return _("Record what goes through the proxy: live requests, cookies, the history of sessions.");
}

wxString col_method() {
  return _("Method");
}

wxString col_url() {
  return _("URL");
}

wxString col_status() {
  return _("Status");
}

wxString col_size() {
  return _("Size");
}

wxString col_time() {
  return _("Time");
}

wxString col_direction() {
  return _("Line");
}

wxString col_host() {
  return _("Host");
}

wxString col_cookie() {
  return _("Value");
}

wxString col_seen() {
  return _("Seen");
}

wxString col_name() {
  return _("Name");
}

wxString col_started() {
  return _("Started");
}

wxString col_duration() {
  return _("Duration");
}

wxString col_requests() {
  return _("Requests");
}

wxString col_source() {
  return _("Source");
}

wxString col_session_state() {
  return _("State");
}

wxString dash() {
  return _("—");
}

wxString duration_ms(std::int64_t ms) {
  return wxString::Format(_("%lld ms"), static_cast<long long>(ms));
}

wxString unit_bytes() {
  return _("B");
}

wxString unit_kb() {
  return _("KB");
}

wxString unit_mb() {
  return _("MB");
}

wxString unit_gb() {
  return _("GB");
}

}  // namespace postern::gui::text
