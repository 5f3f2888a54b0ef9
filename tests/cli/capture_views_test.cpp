#include "cli/capture_views.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace postern::cli;
using nlohmann::json;

namespace {

json session_doc() {
  return {{"id", 12},
          {"name", "checkout\x1b[2J"},
          {"source", "proxy"},
          {"state", "stopped"},
          {"options",
           {{"url_contains", "api"},
            {"methods", {"GET", "POST"}},
            {"capture_cookies", true},
            {"save_responses", false},
            {"collection", {{"path", "/tmp/c.json"}, {"group_by", {"domain"}}}}}},
          {"started_at", "2026-11-22T10:00:00.123Z"},
          {"stopped_at", "2026-11-22T10:05:03.000Z"},
          {"duration_ms", 303000},
          {"exchange_count", 42},
          {"total_bytes", 1536},
          {"dropped_count", 3}};
}

template <class View, class... Args>
std::string render(View view, Args&&... args) {
  std::ostringstream out;
  view(out, std::forward<Args>(args)...);
  return out.str();
}

}  // namespace

TEST_CASE("filters read as one line; defaults as everything", "[cli][views]") {
  CHECK(describe_filters(json::object()) == "everything");
  CHECK(describe_filters({{"url_contains", ""},
                          {"methods", json::array()},
                          {"save_responses", true},
                          {"body_limit", 1048576}}) == "everything");
  CHECK(describe_filters({{"body_limit", 65536}}) == "bodies up to 64 KiB");
  CHECK(describe_filters({{"url_regex", "^https://a"},
                          {"exclude", {"health", "ping"}},
                          {"exclude_regex", "\\.png$"},
                          {"exclude_static", true},
                          {"save_to_history", false}}) ==
        "URLs matching /^https://a/; not containing health, ping; not matching /\\.png$/; "
        "no static files; not kept in the history");
}

TEST_CASE("a session shows its state, times, counts, filters and collection", "[cli][views]") {
  CHECK(render(print_session, session_doc()) ==
        "session 12 \"checkout?[2J\": stopped (proxy)\n"
        "  started   2026-11-22 10:00:00 UTC, stopped 2026-11-22 10:05:03 UTC\n"
        "  captured  42 exchanges, 1.5 KiB in 5 min 03 s\n"
        "  dropped   3 exchanges (the capture queue was full)\n"
        "  filters   URLs containing \"api\"; GET, POST only; requests only; cookies recorded\n"
        "  collection /tmp/c.json (folders by domain)\n");
}

TEST_CASE("capture status names the active session or says there is none", "[cli][views]") {
  CHECK(render(print_capture_status, json{{"session", nullptr}, {"options", nullptr}}) ==
        "no capture is running; start one with `postern capture start`\n");
  CHECK(render(print_capture_status, json{{"session", session_doc()}}).rfind("session 12 ", 0) ==
        0);
}

TEST_CASE("the session list is a table, or a hint when empty", "[cli][views]") {
  CHECK(render(print_session_list, json{{"sessions", json::array()}}).find("capture start") !=
        std::string::npos);
  const auto table = render(print_session_list, json{{"sessions", {session_doc()}}});
  CHECK(table ==
        "ID  NAME          STATE    SOURCE  STARTED (UTC)          DURATION  EXCHANGES     SIZE  "
        "DROPPED\n"
        "12  checkout?[2J  stopped  proxy   2026-11-22 10:00:00  5 min 03 s         42  1.5 KiB"
        "        3\n");
}

TEST_CASE("an exchange page lists rows and says how to get the next page", "[cli][views]") {
  const json page = {{"items",
                      {{{"id", 101},
                        {"started_at", "2026-11-22T10:00:01.250Z"},
                        {"method", "GET"},
                        {"url", "https://api.example.com/v1/items?q=1"},
                        {"status", 200},
                        {"request_size", 300},
                        {"response_size", 1236},
                        {"error", ""}},
                       {{"id", 102},
                        {"started_at", "2026-11-22T10:00:02.000Z"},
                        {"method", "POST"},
                        {"url", "https://api.example.com/v1/items"},
                        {"status", nullptr},
                        {"request_size", 10},
                        {"response_size", 0},
                        {"error", "upstream refused"}}}},
                     {"total", 5},
                     {"page", 1},
                     {"per_page", 2}};
  const auto text = render(print_exchange_page, 12, page);
  CHECK(text ==
        "session 12: exchanges 1-2 of 5\n"
        " ID  TIME (UTC)    METHOD  STATUS     SIZE  URL\n"
        "101  10:00:01.250  GET        200  1.5 KiB  https://api.example.com/v1/items?q=1\n"
        "102  10:00:02.000  POST       ERR     10 B  https://api.example.com/v1/items\n"
        "page 1 of 3; next: postern capture show 12 --page 2\n"
        "one exchange in full: postern capture exchange ID\n");
  const auto last =
      render(print_exchange_page, 12,
             json{{"items", page["items"]}, {"total", 4}, {"page", 2}, {"per_page", 2}});
  CHECK(last.find("exchanges 3-4 of 4") != std::string::npos);
  CHECK(last.find("next:") == std::string::npos);
  CHECK(render(print_exchange_page, 12, json{{"items", json::array()}, {"total", 0}}) ==
        "session 12: no exchanges (0 in all)\n");
}

TEST_CASE("the overview lists counts per group", "[cli][views]") {
  const json overview = {
      {"total", 3},
      {"by_method", {{{"key", "GET"}, {"count", 2}}, {{"key", "POST"}, {"count", 1}}}},
      {"by_domain", {{{"key", "a.com"}, {"count", 3}}}},
      {"by_data_mode", json::array()},
      {"by_status", {{{"key", "200"}, {"count", 3}}}},
      {"by_status_class", {{{"key", "2xx"}, {"count", 3}}}}};
  CHECK(render(print_overview, overview) ==
        "3 exchanges\n"
        "by method        GET 2, POST 1\n"
        "by domain        a.com 3\n"
        "by status class  2xx 3\n"
        "by status        200 3\n"
        "by data mode     -\n");
}

TEST_CASE("session cookies and the to-jar result", "[cli][views]") {
  CHECK(render(print_session_cookies, json{{"cookies", json::array()}}).find("--cookies") !=
        std::string::npos);
  const auto table =
      render(print_session_cookies, json{{"cookies",
                                          {{{"exchange_id", 7},
                                            {"direction", "response"},
                                            {"host", "a.com"},
                                            {"header_value", "sid=1; Path=/"},
                                            {"seen_at", "2026-11-22T10:00:00.000Z"}}}}});
  CHECK(table.find("7  2026-11-22 10:00:00  Set-Cookie  a.com  sid=1; Path=/\n") !=
        std::string::npos);
  CHECK(render(print_to_jar,
               json{{"added", 2},
                    {"refused",
                     {{{"line", "x=1; Domain=evil.com"}, {"reason", "domain does not match"}}}}}) ==
        "added 2 cookies to the jar\n"
        "  refused x=1; Domain=evil.com: domain does not match\n");
}
