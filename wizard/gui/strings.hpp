#pragma once
// Every string the wizard shows, in one place, each through wxGetTranslation (_()) so a catalog
// can translate them later. Texts that come from the engine (causes, remedies, codes) are
// shown as the engine wrote them.

#include <wx/string.h>

#include <cstddef>
#include <string>

namespace postern::gui::text {

wxString app_title();
wxString wizard_title();
wxString close();
wxString welcome_heading();
wxString welcome_intro();
wxString welcome_item_manifests();
wxString welcome_admin();
wxString detect_heading();
wxString detect_running();
wxString detect_browsers_label();
wxString detect_stores_label();
wxString detect_again();
wxString detect_wait();
wxString detect_no_browser();
wxString browser_ready();
wxString store_absent();
wxString install_none();
wxString choose_heading();
wxString choose_browsers_label();
wxString choose_stores_label();
wxString choose_port_label();
wxString choose_lan();
wxString choose_lan_tip();
wxString choose_key_label();
wxString choose_key_generated();
wxString choose_key_custom();
wxString choose_no_browser();
wxString key_rule();
wxString key_ok();
wxString install_heading();
wxString install_waiting();
wxString install_running();
wxString install_cancelling();
wxString install_cancelled();
wxString install_ok();
wxString install_failed();
wxString install_wait();
wxString cancel_confirm();
wxString status_done();
wxString status_already();
wxString status_skipped();
wxString status_failed();
wxString status_running();
wxString diagnose_heading();
wxString diagnose_intro();
wxString diagnose_wait();
wxString doctor_running();
wxString doctor_fixing();
wxString doctor_fix();
wxString doctor_fix_tip();
wxString doctor_again();
wxString doctor_select_row();
wxString doctor_fixable_mark();
wxString verdict_connected();
wxString verdict_not_connected();
wxString verdict_dependencies();
wxString finish_heading();
wxString finish_runtime_running();
wxString finish_runtime_not_started();
wxString finish_lan();
wxString finish_no_lan();
wxString finish_extension();
wxString finish_capture();
wxString main_checking();
wxString main_not_installed();
wxString action_setup();
wxString action_setup_help();
wxString action_diagnose();
wxString action_diagnose_help();
wxString action_reset();
wxString action_reset_help();
wxString action_set_key();
wxString action_set_key_help();
wxString action_export_ca();
wxString action_export_ca_help();
wxString export_title();
wxString export_filter_pem();
wxString export_filter_der();
wxString export_filter_p12();
wxString reset_title();
wxString reset_heading();
wxString reset_listing();
wxString reset_remove();
wxString reset_running();
wxString reset_will_remove();
wxString reset_nothing();
wxString reset_done();
wxString key_title();
wxString key_intro();
wxString key_label();
wxString key_save();
wxString key_saving();
wxString welcome_item_bridge(const std::string& path);
wxString welcome_item_key(const std::string& path);
wxString welcome_item_ca(const std::string& path);
wxString welcome_item_runtime(const std::string& path);
wxString welcome_ledger(const std::string& path);
wxString detect_done(std::size_t browsers);
wxString store_tool_missing(const std::string& tool);
wxString store_found(std::size_t targets);
wxString install_ledger_broken(const std::string& why);
wxString choose_bad_port(const wxString& typed);
wxString choose_bad_key(const wxString& why);
wxString finish_proxy(const wxString& address);
wxString finish_ca_url(const wxString& url);
wxString finish_ca_file(const wxString& path);
wxString reset_confirm(std::size_t items);
wxString reset_preview(std::size_t items);
wxString reset_failed(std::size_t failed);
wxString install_found(std::size_t entries, bool bridge, bool ca, bool runtime);
wxString doctor_details(const std::string& code, const std::string& target,
                        const std::string& cause, const std::string& remedy);

wxString check_ok();
wxString check_problem();
wxString check_not_applicable();

// Column titles.
wxString col_browser();
wxString col_packaging();
wxString col_found_at();
wxString col_note();
wxString col_store();
wxString col_state();
wxString col_step();
wxString col_target();
wxString col_code();
wxString col_cause();
wxString col_remedy();
wxString col_item();
wxString col_check();

}  // namespace postern::gui::text
