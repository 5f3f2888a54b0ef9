#include "cli/capture_views.hpp"

#include <ostream>
#include <vector>

#include "cli/human_units.hpp"
#include "cli/text_table.hpp"
#include "runtime/control/client/json_view.hpp"

namespace postern::cli {

using control_client::flag_at;
using control_client::integer_at;
using control_client::list_at;
using control_client::object_at;
using control_client::scalar_at;
using control_client::scalar_text;
using control_client::text_at;

using nlohmann::json;

namespace {

// The widest URL or header line shown in a table row; --json has them whole.
constexpr std::size_t kMaxCell = 100;
// CaptureOptions.body_limit when none was asked for (docs/control-api.md).
constexpr std::int64_t kDefaultBodyLimit = 1024 * 1024;

std::string quoted(const std::string& text) {
  return "\"" + printable(text) + "\"";
}

std::string joined(const json& list, const std::string& separator) {
  std::string text;
  for (const auto& item : list)
    text += (text.empty() ? "" : separator) + scalar_text(item, "?");
  return text;
}

void add_text_filters(std::vector<std::string>& parts, const json& options) {
  if (const auto text = text_at(options, "url_contains"); !text.empty())
    parts.push_back("URLs containing " + quoted(text));
  if (const auto text = text_at(options, "url_regex"); !text.empty())
    parts.push_back("URLs matching /" + printable(text) + "/");
  if (const auto& list = list_at(options, "exclude"); !list.empty())
    parts.push_back("not containing " + printable(joined(list, ", ")));
  if (const auto text = text_at(options, "exclude_regex"); !text.empty())
    parts.push_back("not matching /" + printable(text) + "/");
  if (const auto& list = list_at(options, "methods"); !list.empty())
    parts.push_back(printable(joined(list, ", ")) + " only");
}

void add_switches(std::vector<std::string>& parts, const json& options) {
  if (flag_at(options, "exclude_static")) parts.emplace_back("no static files");
  if (!flag_at(options, "save_responses", true)) parts.emplace_back("requests only");
  if (flag_at(options, "capture_cookies")) parts.emplace_back("cookies recorded");
  if (!flag_at(options, "save_to_history", true)) parts.emplace_back("not kept in the history");
  // Every session carries a limit; only one that differs from the default says something.
  if (const auto limit = integer_at(options, "body_limit", kDefaultBodyLimit);
      limit != kDefaultBodyLimit && limit >= 0)
    parts.push_back("bodies up to " + human_size(static_cast<std::uint64_t>(limit)));
}

// "12, 3" as "GET 12, POST 3" from [{"key","count"}...].
std::string counts(const json& list) {
  std::string text;
  for (const auto& entry : list)
    text += (text.empty() ? "" : ", ") + printable(scalar_at(entry, "key", "?")) + " " +
            std::to_string(integer_at(entry, "count"));
  return text.empty() ? "-" : text;
}

std::string status_cell(const json& exchange) {
  if (!text_at(exchange, "error").empty()) return "ERR";
  return scalar_at(exchange, "status", "-");
}

}  // namespace

std::string describe_filters(const json& options) {
  std::vector<std::string> parts;
  add_text_filters(parts, options);
  add_switches(parts, options);
  if (parts.empty()) return "everything";
  std::string text;
  for (const auto& part : parts)
    text += (text.empty() ? "" : "; ") + part;
  return text;
}

void print_session(std::ostream& out, const json& session) {
  out << "session " << integer_at(session, "id") << " " << quoted(text_at(session, "name")) << ": "
      << text_at(session, "state", "?") << " (" << text_at(session, "source", "?") << ")\n";
  out << "  started   " << date_time(text_at(session, "started_at")) << " UTC";
  if (const auto stopped = text_at(session, "stopped_at"); !stopped.empty())
    out << ", stopped " << date_time(stopped) << " UTC";
  out << "\n  captured  " << integer_at(session, "exchange_count") << " exchanges, "
      << human_size(static_cast<std::uint64_t>(integer_at(session, "total_bytes"))) << " in "
      << human_duration(integer_at(session, "duration_ms")) << "\n";
  if (const auto dropped = integer_at(session, "dropped_count"); dropped > 0)
    out << "  dropped   " << dropped << " exchanges (the capture queue was full)\n";
  const json& options = object_at(session, "options");
  out << "  filters   " << describe_filters(options) << "\n";
  if (const json& collection = object_at(options, "collection"); !collection.empty()) {
    out << "  collection " << printable(text_at(collection, "path"));
    if (const auto& groups = list_at(collection, "group_by"); !groups.empty())
      out << " (folders by " << printable(joined(groups, ", ")) << ")";
    out << "\n";
  }
}

// Said first, above the session: while storing fails, what is captured is lost.
void print_storage_problem(std::ostream& out, const json& storage) {
  const json& error = object_at(storage, "last_error");
  if (error.empty()) return;
  const auto lost = std::to_string(integer_at(storage, "not_stored"));
  if (storage.value("ok", true)) {
    out << "! " << lost << " captured exchange(s) could not be stored since the runtime started"
        << " (last: " << text_at(error, "message") << ")\n";
    return;
  }
  out << "! captured exchanges are not being stored: " << text_at(error, "message") << "\n";
  if (!text_at(error, "remedy").empty()) out << "  fix: " << text_at(error, "remedy") << "\n";
  out << "  " << lost << " exchange(s) could not be stored since the runtime started\n";
}

void print_capture_status(std::ostream& out, const json& capture) {
  print_storage_problem(out, object_at(capture, "storage"));
  const json& session = object_at(capture, "session");
  if (session.empty()) {
    out << "no capture is running; start one with `postern capture start`\n";
    return;
  }
  print_session(out, session);
}

void print_session_list(std::ostream& out, const json& list) {
  const json& sessions = list_at(list, "sessions");
  if (sessions.empty()) {
    out << "no capture sessions yet; start one with `postern capture start`\n";
    return;
  }
  TextTable table({"ID", "NAME", "STATE", "SOURCE", "STARTED (UTC)", "DURATION", "EXCHANGES",
                   "SIZE", "DROPPED"});
  for (std::size_t column : {0, 5, 6, 7, 8})
    table.align_right(column);
  for (const auto& session : sessions)
    table.add_row({scalar_at(session, "id"), clip(text_at(session, "name"), 40),
                   text_at(session, "state"), text_at(session, "source"),
                   date_time(text_at(session, "started_at")),
                   human_duration(integer_at(session, "duration_ms")),
                   std::to_string(integer_at(session, "exchange_count")),
                   human_size(static_cast<std::uint64_t>(integer_at(session, "total_bytes"))),
                   std::to_string(integer_at(session, "dropped_count"))});
  table.print(out);
}

void print_exchange_page(std::ostream& out, std::int64_t session_id, const json& page) {
  const json& items = list_at(page, "items");
  const std::int64_t total = integer_at(page, "total");
  const std::int64_t number = std::max<std::int64_t>(integer_at(page, "page", 1), 1);
  const std::int64_t per_page = std::max<std::int64_t>(integer_at(page, "per_page", 50), 1);
  if (items.empty()) {
    out << "session " << session_id << ": no exchanges"
        << (total > 0 ? " on page " + std::to_string(number) : std::string()) << " (" << total
        << " in all)\n";
    return;
  }
  const std::int64_t first = (number - 1) * per_page + 1;
  out << "session " << session_id << ": exchanges " << first << "-"
      << first + static_cast<std::int64_t>(items.size()) - 1 << " of " << total << "\n";
  TextTable table({"ID", "TIME (UTC)", "METHOD", "STATUS", "SIZE", "URL"});
  for (std::size_t column : {0, 3, 4})
    table.align_right(column);
  for (const auto& exchange : items)
    table.add_row({scalar_at(exchange, "id"), clock_time(text_at(exchange, "started_at")),
                   text_at(exchange, "method"), status_cell(exchange),
                   human_size(static_cast<std::uint64_t>(integer_at(exchange, "request_size") +
                                                         integer_at(exchange, "response_size"))),
                   clip(text_at(exchange, "url"), kMaxCell)});
  table.print(out);
  const std::int64_t pages = (total + per_page - 1) / per_page;
  if (number < pages)
    out << "page " << number << " of " << pages << "; next: postern capture show " << session_id
        << " --page " << number + 1 << "\n";
  out << "one exchange in full: postern capture exchange ID\n";
}

void print_overview(std::ostream& out, const json& overview) {
  out << integer_at(overview, "total") << " exchanges\n";
  out << "by method        " << counts(list_at(overview, "by_method")) << "\n";
  out << "by domain        " << counts(list_at(overview, "by_domain")) << "\n";
  out << "by status class  " << counts(list_at(overview, "by_status_class")) << "\n";
  out << "by status        " << counts(list_at(overview, "by_status")) << "\n";
  out << "by data mode     " << counts(list_at(overview, "by_data_mode")) << "\n";
}

void print_session_cookies(std::ostream& out, const json& cookies) {
  const json& list = list_at(cookies, "cookies");
  if (list.empty()) {
    out << "no cookies were recorded; capture with `--cookies` to record them\n";
    return;
  }
  TextTable table({"EXCHANGE", "SEEN (UTC)", "DIRECTION", "HOST", "HEADER"});
  table.align_right(0);
  for (const auto& cookie : list)
    table.add_row({scalar_at(cookie, "exchange_id"), date_time(text_at(cookie, "seen_at")),
                   text_at(cookie, "direction") == "response" ? "Set-Cookie" : "Cookie",
                   text_at(cookie, "host"), clip(text_at(cookie, "header_value"), kMaxCell)});
  table.print(out);
}

void print_to_jar(std::ostream& out, const json& result) {
  out << "added " << integer_at(result, "added") << " cookies to the jar\n";
  for (const auto& refused : list_at(result, "refused"))
    out << "  refused " << printable(clip(text_at(refused, "line"), 60)) << ": "
        << printable(text_at(refused, "reason")) << "\n";
}

}  // namespace postern::cli
