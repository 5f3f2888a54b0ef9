#pragma once
// Every string the capture window shows, in one place next to the wizard's (strings.hpp), each
// through wxGetTranslation so a catalog can translate them later. Messages that come from the
// runtime (its refusals, a body's text) are shown as they came.

#include <wx/string.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace postern::gui::text {

wxString capture_title();
wxString tab_capture();
wxString tab_history();
wxString tab_overview();
wxString tab_requests();
wxString tab_cookies();
wxString capture_connecting();
wxString capture_connected();
wxString capture_disconnected(const wxString& why);
wxString storage_failing(const wxString& message, const wxString& remedy, std::int64_t not_stored);
wxString storage_recovered(std::int64_t not_stored, const wxString& last_message);
wxString capture_setup_heading();
wxString capture_source();
wxString capture_source_proxy(const wxString& address);
wxString capture_source_extension();
wxString capture_source_extension_tip();
wxString capture_filters();
wxString capture_name_label();
wxString capture_name_hint();
wxString capture_url_label();
wxString capture_url_contains();
wxString capture_url_regex();
wxString capture_exclude_label();
wxString capture_exclude_hint();
wxString capture_exclude_regex_label();
wxString capture_methods_label();
wxString capture_methods_hint();
wxString capture_exclude_static();
wxString capture_keep();
wxString capture_save_responses();
wxString capture_cookies();
wxString capture_save_history();
wxString capture_collection();
wxString capture_to_collection();
wxString capture_collection_hint();
wxString capture_browse();
wxString capture_folders();
wxString capture_by_domain();
wxString capture_by_endpoint();
wxString capture_collection_title();
wxString capture_json_wildcard();
wxString capture_har_wildcard();
wxString capture_collection_missing();
wxString capture_collection_relative();
wxString capture_runtime_down(const wxString& why);
wxString capture_start();
wxString call_failed(const wxString& message, const wxString& remedy);
wxString session_pause();
wxString session_resume();
wxString session_stop();
wxString session_new();
wxString session_summary(const wxString& time, std::int64_t requests, const wxString& size);
wxString session_facts(const wxString& started, const wxString& duration, std::int64_t requests,
                       const wxString& size, const wxString& source);
wxString state_running();
wxString state_paused();
wxString state_stopped();
wxString requests_search_label();
wxString requests_search_hint();
wxString requests_delete();
wxString requests_delete_tip();
wxString requests_deleted(std::size_t count);
wxString requests_per_page();
wxString requests_previous();
wxString requests_next();
wxString requests_pager(std::int64_t page, std::int64_t pages, std::int64_t total);
wxString detail_pick();
wxString detail_loading();
wxString detail_request();
wxString detail_response();
wxString detail_no_response(const wxString& error);
wxString capture_body_empty();
wxString capture_body_binary(const wxString& size);
wxString capture_body_cut(const wxString& size);
wxString capture_body_omitted(const std::string& reason);
wxString cookies_add();
wxString cookies_add_tip();
wxString cookies_delete();
wxString cookies_delete_tip();
wxString cookies_added(std::int64_t added, std::int64_t removed);
wxString cookies_refused(std::size_t count, const wxString& first_reason);
wxString cookies_pick();
wxString cookies_deleted(std::int64_t removed);
wxString cookie_set_cookie();
wxString cookie_cookie();
wxString history_rename();
wxString history_delete();
wxString history_export_har();
wxString history_export_collection();
wxString history_folders();
wxString folders_none();
wxString folders_domain();
wxString folders_endpoint();
wxString folders_both();
wxString history_refresh();
wxString history_none_open();
wxString history_rename_question();
wxString history_renamed(const wxString& name);
wxString history_delete_question(const wxString& name, std::int64_t requests);
wxString history_deleted(const wxString& name);
wxString history_export_har_title();
wxString history_export_collection_title();
wxString history_exported(const wxString& size, const wxString& path);
wxString overview_by_method();
wxString overview_by_domain();
wxString overview_by_data_mode();
wxString overview_by_status();
wxString overview_none();
wxString overview_other();
wxString overview_total(std::int64_t total);
wxString capture_open();
wxString capture_open_help();
wxString col_method();
wxString col_url();
wxString col_status();
wxString col_size();
wxString col_time();
wxString col_direction();
wxString col_host();
wxString col_cookie();
wxString col_seen();
wxString col_name();
wxString col_started();
wxString col_duration();
wxString col_requests();
wxString col_source();
wxString col_session_state();
wxString dash();
wxString duration_ms(std::int64_t ms);
wxString unit_bytes();
wxString unit_kb();
wxString unit_mb();
wxString unit_gb();

}  // namespace postern::gui::text
