// The capture window's string catalog, part two: the cookies tab, the history, the overview,
// the list columns and the units. Part one, and the header for both, is capture_strings.*.
#include "wizard/gui/capture/capture_strings.hpp"

#include "wizard/gui/translate.hpp"

namespace postern::gui::text {

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
