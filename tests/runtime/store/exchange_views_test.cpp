#include "runtime/store/exchange_views.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "runtime/store/capture_policy.hpp"
#include "runtime/store/errc.hpp"
#include "runtime/store/exchange_table.hpp"
#include "runtime/store/session_table.hpp"
#include "runtime/store/store_file.hpp"
#include "store_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace postern::store;
using namespace std::string_literals;
using postern::store::testing::at;
using postern::store::testing::fresh_database;
using postern::store::testing::make_exchange;
using postern::store::testing::new_proxy_session;
using postern::testing::TempDir;

namespace {

constexpr int kExchanges = 300;

// Exchange n of the sample: methods, hosts, statuses and body kinds cycle at different rates,
// so every combination occurs; start times repeat in pairs to exercise the id tie-break.
Exchange sample(std::int64_t session, int n) {
  static const char* const methods[] = {"GET", "POST", "PUT", "DELETE"};
  static const char* const hosts[] = {"api.example.com", "cdn.example.net", "auth.example.org"};
  static const char* const types[] = {"", "application/json", "application/x-www-form-urlencoded",
                                      "multipart/form-data", "application/octet-stream"};
  auto e = make_exchange(session, n, hosts[n % 3]);
  e.method = methods[n % 4];
  e.started_at = at((n / 2) * 10);
  if (const auto* type = types[n % 5]; *type) {
    e.request_headers.push_back({"Content-Type", type});
    e.request_body.bytes = "body-" + std::to_string(n);
  }
  if (n % 7 == 0) {
    e.status.reset();
    e.error = "refused";
  } else {
    e.status = n % 7 == 1 ? 404 : n % 7 == 2 ? 500 : n % 7 == 3 ? 201 : 200;
  }
  if (n % 10 == 0) e.response_headers.push_back({"X-Trace", "Needle-In-Header"});
  if (n % 25 == 0) e.response_headers.push_back({"Set-Cookie", "n=" + std::to_string(n)});
  if (n == 123) e.url = "https://api.example.com/Special/PATH?token=\0abc"s;
  return e;
}

struct Fixture {
  TempDir dir;
  Database db = fresh_database(dir / "capture.db");
  std::int64_t session = 0;
  std::vector<Exchange> inserted;

  Fixture() {
    session = new_proxy_session(db);
    auto inserter = ExchangeInserter::prepare(db);
    REQUIRE(inserter);
    auto transaction = Transaction::begin(db);
    for (int n = 0; n < kExchanges; ++n) {
      auto e = sample(session, n);
      prepare_for_storage(e, CaptureLimits{});
      e.id = inserter.value().insert(e).value();
      inserted.push_back(std::move(e));
    }
    REQUIRE(transaction.value().commit());
  }

  std::vector<std::int64_t> ids(ExchangeQuery query) {
    query.session_id = session;
    query.per_page = kMaxPerPage;
    auto page = list_exchanges(db, query);
    REQUIRE(page);
    std::vector<std::int64_t> out;
    for (const auto& item : page.value().items)
      out.push_back(item.id);
    return out;
  }
};

std::vector<Count> sorted_counts(const std::map<std::string, std::uint64_t>& tally) {
  std::vector<Count> counts;
  for (const auto& [key, count] : tally)
    counts.push_back(Count{key, count});
  std::stable_sort(counts.begin(), counts.end(),
                   [](const Count& a, const Count& b) { return a.count > b.count; });
  return counts;
}

void check_counts(const std::vector<Count>& got, const std::map<std::string, std::uint64_t>& want) {
  const auto expected = sorted_counts(want);
  REQUIRE(got.size() == expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    CHECK(got[i].key == expected[i].key);
    CHECK(got[i].count == expected[i].count);
  }
}

}  // namespace

TEST_CASE("pages cover every exchange once, by start time then id", "[exchange_views]") {
  Fixture f;
  std::vector<std::int64_t> seen;
  for (std::size_t page = 1;; ++page) {
    auto result = list_exchanges(f.db, ExchangeQuery{f.session, "", false, false, page, 47});
    REQUIRE(result);
    CHECK(result.value().total == kExchanges);
    CHECK(result.value().page == page);
    CHECK(result.value().per_page == 47);
    if (result.value().items.empty()) break;
    CHECK(result.value().items.size() <= 47);
    for (const auto& item : result.value().items)
      seen.push_back(item.id);
  }
  REQUIRE(seen.size() == kExchanges);
  // The sample's start times rise in pairs and ids follow insertion, so the expected order is
  // the insertion order.
  for (std::size_t i = 0; i < seen.size(); ++i)
    CHECK(seen[i] == f.inserted[i].id);

  auto first = list_exchanges(f.db, ExchangeQuery{f.session, "", false, false, 1, 1});
  const auto& item = first.value().items.at(0);
  CHECK(item.method == "GET");
  CHECK(item.host == "api.example.com");
  CHECK_FALSE(item.status);  // n = 0 failed
  CHECK(item.error == "refused");
  CHECK(item.url == f.inserted[0].url);

  auto past_end = list_exchanges(f.db, ExchangeQuery{f.session, "", false, false, 100, 50});
  CHECK(past_end.value().items.empty());
  CHECK(past_end.value().total == kExchanges);
}

TEST_CASE("bad paging is refused", "[exchange_views]") {
  Fixture f;
  CHECK(list_exchanges(f.db, ExchangeQuery{f.session, "", false, false, 0, 10}).error().code ==
        errc::invalid_argument);
  CHECK(list_exchanges(f.db, ExchangeQuery{f.session, "", false, false, 1, 0}).error().code ==
        errc::invalid_argument);
  CHECK(list_exchanges(f.db, ExchangeQuery{f.session, "", false, false, 1, kMaxPerPage + 1})
            .error()
            .code == errc::invalid_argument);
}

TEST_CASE("search matches URL substrings without case, bytes included", "[exchange_views]") {
  Fixture f;
  std::vector<std::int64_t> expected;
  for (const auto& e : f.inserted)
    if (e.url.find("cdn.example.net") != std::string::npos) expected.push_back(e.id);
  CHECK(f.ids(ExchangeQuery{0, "CDN.Example.NET", false, false, 1, 1}) == expected);

  REQUIRE(expected.size() == kExchanges / 3);
  auto page = list_exchanges(f.db, ExchangeQuery{f.session, "cdn.example", false, false, 4, 30});
  CHECK(page.value().total == expected.size());
  REQUIRE(page.value().items.size() == expected.size() - 90);  // the last, partial page
  CHECK(page.value().items.front().id == expected[90]);

  CHECK(f.ids(ExchangeQuery{0, "special/path", false, false, 1, 1}) ==
        std::vector<std::int64_t>{f.inserted[123].id});
  CHECK(f.ids(ExchangeQuery{0, "\0abc"s, false, false, 1, 1}) ==
        std::vector<std::int64_t>{f.inserted[123].id});
  CHECK(f.ids(ExchangeQuery{0, "/item/17?", false, false, 1, 1}) ==
        std::vector<std::int64_t>{f.inserted[17].id});
  CHECK(f.ids(ExchangeQuery{0, "no such thing", false, false, 1, 1}).empty());
  CHECK(f.ids(ExchangeQuery{0, "%", false, false, 1, 1}).empty());  // no LIKE wildcards
}

TEST_CASE("search reaches headers and bodies only when asked", "[exchange_views]") {
  Fixture f;
  std::vector<std::int64_t> in_headers;
  std::vector<std::int64_t> in_bodies;
  for (const auto& e : f.inserted) {
    if (find_header(e.response_headers, "x-trace")) in_headers.push_back(e.id);
    if (e.request_body.bytes.find("body-1") != std::string::npos) in_bodies.push_back(e.id);
  }
  CHECK(f.ids(ExchangeQuery{0, "needle-in-header", false, false, 1, 1}).empty());
  CHECK(f.ids(ExchangeQuery{0, "needle-in-header", true, false, 1, 1}) == in_headers);
  CHECK(f.ids(ExchangeQuery{0, "BODY-1", false, false, 1, 1}).empty());
  CHECK(f.ids(ExchangeQuery{0, "BODY-1", false, true, 1, 1}) == in_bodies);
  CHECK_FALSE(in_bodies.empty());
}

TEST_CASE("the overview counts by method, domain, data mode and status", "[exchange_views]") {
  Fixture f;
  std::map<std::string, std::uint64_t> methods, domains, modes, statuses, classes;
  for (const auto& e : f.inserted) {
    ++methods[e.method];
    ++domains[e.host];
    ++modes[e.data_mode];
    ++statuses[e.status ? std::to_string(*e.status) : "none"];
    ++classes[e.status ? std::to_string(*e.status / 100) + "xx" : "none"];
  }
  auto overview = session_overview(f.db, f.session);
  REQUIRE(overview);
  CHECK(overview.value().total == kExchanges);
  check_counts(overview.value().by_method, methods);
  check_counts(overview.value().by_domain, domains);
  check_counts(overview.value().by_data_mode, modes);
  check_counts(overview.value().by_status, statuses);
  check_counts(overview.value().by_status_class, classes);
  CHECK(modes.size() == 5);  // none, json, urlencoded, formdata, binary
  CHECK(classes.count("4xx"));

  auto empty = session_overview(f.db, f.session + 1);
  REQUIRE(empty);
  CHECK(empty.value().total == 0);
  CHECK(empty.value().by_method.empty());
}

TEST_CASE("a session's cookie lines are listed oldest first", "[exchange_views]") {
  Fixture f;
  auto cookies = session_cookies(f.db, f.session, 1000);
  REQUIRE(cookies);
  REQUIRE(cookies.value().size() == kExchanges / 25);
  for (std::size_t i = 0; i < cookies.value().size(); ++i) {
    const auto& cookie = cookies.value()[i];
    const auto& e = f.inserted[i * 25];
    CHECK(cookie.exchange_id == e.id);
    CHECK(cookie.direction == CookieDirection::response);
    CHECK(cookie.header_value == "n=" + std::to_string(i * 25));
    CHECK(cookie.host == e.host);
    CHECK(cookie.seen_at == e.started_at);
  }
  CHECK(session_cookies(f.db, f.session, 3).value().size() == 3);
}
