#include "runtime/store/exchange_views.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <string>

#include "runtime/store/errc.hpp"

namespace postern::store {

namespace {

char fold(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

void contains_function(sqlite3_context* context, int, sqlite3_value** values) {
  // Blob first, then its size: the order SQLite documents, so no conversion happens between.
  const auto* haystack = static_cast<const char*>(sqlite3_value_blob(values[0]));
  const auto haystack_size = static_cast<std::size_t>(sqlite3_value_bytes(values[0]));
  const auto* needle = static_cast<const char*>(sqlite3_value_blob(values[1]));
  const auto needle_size = static_cast<std::size_t>(sqlite3_value_bytes(values[1]));
  if (needle_size == 0) return sqlite3_result_int(context, 1);
  if (!haystack || !needle || haystack_size < needle_size) return sqlite3_result_int(context, 0);
  const std::string_view text(haystack, haystack_size);
  const std::string_view part(needle, needle_size);
  const auto found = std::search(text.begin(), text.end(), part.begin(), part.end(),
                                 [](char a, char b) { return fold(a) == fold(b); });
  sqlite3_result_int(context, found != text.end() ? 1 : 0);
}

// The WHERE clause for a query; only fixed fragments, the values are bound as ?1 (session)
// and ?2 (search bytes).
std::string filter_of(const ExchangeQuery& query) {
  std::string where = " WHERE session_id = ?1";
  if (query.search.empty()) return where;
  where += " AND (postern_contains(url, ?2)";
  if (query.search_headers)
    where += " OR postern_contains(request_headers, ?2) OR postern_contains(response_headers, ?2)";
  if (query.search_bodies)
    where += " OR postern_contains(request_body, ?2) OR postern_contains(response_body, ?2)";
  return where + ")";
}

Timestamp at_millis(std::int64_t millis) {
  return Timestamp(std::chrono::milliseconds(millis));
}

base::Result<std::vector<Count>> count_by(Database& db, std::string_view column,
                                          std::int64_t session_id) {
  auto query = db.prepare("SELECT " + std::string(column) +
                          " AS value, count(*) AS n FROM exchanges WHERE session_id = ?1 "
                          "GROUP BY value ORDER BY n DESC, value IS NULL, value");
  if (!query) return query.error();
  query.value().bind_int(1, session_id);
  std::vector<Count> counts;
  for (;;) {
    auto row = query.value().step();
    if (!row) return row.error();
    if (!row.value()) break;
    auto& statement = query.value();
    counts.push_back(Count{statement.is_null(0) ? "none" : statement.bytes_at(0),
                           static_cast<std::uint64_t>(statement.int_at(1))});
  }
  return counts;
}

}  // namespace

void register_search_function(Database& db) {
  sqlite3_create_function_v2(db.handle(), "postern_contains", 2,
                             SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                             contains_function, nullptr, nullptr, nullptr);
}

base::Result<ExchangePage> list_exchanges(Database& db, const ExchangeQuery& query) {
  if (query.page < 1 || query.per_page < 1 || query.per_page > kMaxPerPage)
    return base::Error{errc::invalid_argument,
                       path_to_utf8(db.file()) + ": page must be 1 or more and per_page 1 to " +
                           std::to_string(kMaxPerPage),
                       ""};
  const auto where = filter_of(query);
  ExchangePage page;
  page.page = query.page;
  page.per_page = query.per_page;
  auto count = db.prepare("SELECT count(*) FROM exchanges" + where);
  if (!count) return count.error();
  count.value().bind_int(1, query.session_id);
  if (!query.search.empty()) count.value().bind_blob(2, query.search);
  auto counted = count.value().step();
  if (!counted) return counted.error();
  page.total = static_cast<std::uint64_t>(count.value().int_at(0));

  auto rows = db.prepare(
      "SELECT id, started_at, ended_at, method, url, host, status, data_mode, request_size, "
      "response_size, error FROM exchanges" +
      where + " ORDER BY started_at, id LIMIT ?3 OFFSET ?4");
  if (!rows) return rows.error();
  auto& r = rows.value();
  r.bind_int(1, query.session_id);
  if (!query.search.empty()) r.bind_blob(2, query.search);
  r.bind_int(3, static_cast<std::int64_t>(query.per_page));
  r.bind_int(4, static_cast<std::int64_t>((query.page - 1) * query.per_page));
  for (;;) {
    auto row = r.step();
    if (!row) return row.error();
    if (!row.value()) break;
    ExchangeSummary item;
    item.id = r.int_at(0);
    item.started_at = at_millis(r.int_at(1));
    item.ended_at = at_millis(r.int_at(2));
    item.method = r.bytes_at(3);
    item.url = r.bytes_at(4);
    item.host = r.bytes_at(5);
    if (auto status = r.optional_int_at(6)) item.status = static_cast<int>(*status);
    item.data_mode = r.bytes_at(7);
    item.request_size = static_cast<std::uint64_t>(r.int_at(8));
    item.response_size = static_cast<std::uint64_t>(r.int_at(9));
    item.error = r.bytes_at(10);
    page.items.push_back(std::move(item));
  }
  return page;
}

base::Result<Overview> session_overview(Database& db, std::int64_t session_id) {
  Overview overview;
  const std::pair<std::string_view, std::vector<Count>*> groups[] = {
      {"method", &overview.by_method},
      {"host", &overview.by_domain},
      {"data_mode", &overview.by_data_mode},
      {"status", &overview.by_status},
      // Integer division keeps the class numeric (2 for 2xx); NULL (no response) stays NULL.
      {"CAST(status / 100 AS TEXT) || 'xx'", &overview.by_status_class},
  };
  for (const auto& [column, counts] : groups) {
    auto found = count_by(db, column, session_id);
    if (!found) return found.error();
    *counts = std::move(found).value();
  }
  for (const auto& count : overview.by_method)
    overview.total += count.count;
  return overview;
}

base::Result<std::vector<CapturedCookie>> session_cookies(Database& db, std::int64_t session_id,
                                                          std::size_t limit) {
  auto query = db.prepare(
      "SELECT exchange_id, direction, host, value, seen_at FROM cookies "
      "WHERE session_id = ?1 ORDER BY id LIMIT ?2");
  if (!query) return query.error();
  auto& q = query.value();
  q.bind_int(1, session_id).bind_int(2, static_cast<std::int64_t>(limit));
  std::vector<CapturedCookie> cookies;
  for (;;) {
    auto row = q.step();
    if (!row) return row.error();
    if (!row.value()) break;
    cookies.push_back(CapturedCookie{
        q.int_at(0),
        q.bytes_at(1) == "response" ? CookieDirection::response : CookieDirection::request,
        q.bytes_at(2), q.bytes_at(3), at_millis(q.int_at(4))});
  }
  return cookies;
}

}  // namespace postern::store
