#include "runtime/store/exchange_table.hpp"

#include <catch2/catch.hpp>

#include "runtime/store/capture_policy.hpp"
#include "runtime/store/errc.hpp"
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

struct Fixture {
  TempDir dir;
  Database db = fresh_database(dir / "capture.db");
  std::int64_t session = new_proxy_session(db);

  std::int64_t insert(Exchange exchange) {
    prepare_for_storage(exchange, CaptureLimits{});
    auto inserter = ExchangeInserter::prepare(db);
    REQUIRE(inserter);
    auto transaction = Transaction::begin(db);
    REQUIRE(transaction);
    auto id = inserter.value().insert(exchange);
    REQUIRE(id);
    REQUIRE(inserter.value().apply_counts());
    REQUIRE(transaction.value().commit());
    return id.value();
  }
};

}  // namespace

TEST_CASE("an exchange round-trips byte for byte, wire junk included", "[exchange_table]") {
  Fixture f;
  auto exchange = make_exchange(f.session, 1);
  exchange.method = "G\0T"s;
  exchange.url = "http://bad.example/\xff\xfe?x=\0"s;
  exchange.request_headers = {{"X-Odd", "v\0\xc3\x28"s}, {"Content-Type", "application/json"}};
  exchange.request_body.bytes = "{\"a\":\0}"s;
  exchange.reason = "Fine\xff";
  exchange.response_body.bytes = std::string(300, '\0');
  exchange.timings.dns_ms = 1.25;
  exchange.timings.wait_ms = 30;
  exchange.error = "reset by peer";
  const auto id = f.insert(exchange);

  auto back = load_exchange(f.db, id);
  REQUIRE(back);
  const auto& b = back.value();
  CHECK(b.id == id);
  CHECK(b.session_id == f.session);
  CHECK(b.started_at == exchange.started_at);
  CHECK(b.ended_at == exchange.ended_at);
  CHECK(b.method == exchange.method);
  CHECK(b.url == exchange.url);
  CHECK(b.host == "bad.example");
  CHECK(b.port == 80);
  CHECK(b.query == "x=\0"s);
  CHECK(b.request_headers.size() == 2);
  CHECK(b.request_headers[0].value == "v\0\xc3\x28"s);
  CHECK(b.request_body.bytes == exchange.request_body.bytes);
  CHECK(b.request_body.original_size == exchange.request_body.bytes.size());
  CHECK(b.data_mode == "json");
  CHECK(b.status == 200);
  CHECK(b.reason == "Fine\xff");
  CHECK(b.response_body.bytes == exchange.response_body.bytes);
  CHECK(b.timings.dns_ms == 1.25);
  CHECK(b.timings.wait_ms == 30.0);
  CHECK_FALSE(b.timings.tls_ms);
  CHECK(b.tls);
  CHECK(b.server_ip == "192.0.2.10");
  CHECK(b.client_address == "127.0.0.1:50000");
  CHECK(b.error == "reset by peer");
  CHECK(b.request_size > 0);
  CHECK(b.response_size > 300);
}

TEST_CASE("an exchange without a response keeps a NULL status", "[exchange_table]") {
  Fixture f;
  auto exchange = make_exchange(f.session, 2);
  exchange.status.reset();
  exchange.response_headers.clear();
  exchange.response_body = {};
  exchange.error = "connect timeout";
  auto back = load_exchange(f.db, f.insert(exchange));
  REQUIRE(back);
  CHECK_FALSE(back.value().status);
  CHECK(back.value().response_size == 0);
}

TEST_CASE("Cookie and Set-Cookie lines are kept per exchange", "[exchange_table]") {
  Fixture f;
  auto exchange = make_exchange(f.session, 3);
  exchange.request_headers.push_back({"cookie", "sid=1; theme=dark"});
  exchange.response_headers.push_back({"Set-Cookie", "sid=2; Path=/; HttpOnly"});
  exchange.response_headers.push_back({"SET-COOKIE", "csrf=x"});
  const auto id = f.insert(exchange);
  auto rows = f.db.prepare(
      "SELECT exchange_id, session_id, direction, host, value FROM cookies "
      "ORDER BY id");
  REQUIRE(rows);
  auto& r = rows.value();
  std::vector<std::string> seen;
  while (r.step().value()) {
    CHECK(r.int_at(0) == id);
    CHECK(r.int_at(1) == f.session);
    CHECK(r.bytes_at(3) == "api.example.com");
    seen.push_back(r.bytes_at(2) + " " + r.bytes_at(4));
  }
  CHECK(seen == std::vector<std::string>{"request sid=1; theme=dark",
                                         "response sid=2; Path=/; HttpOnly", "response csrf=x"});
}

TEST_CASE("an exchange marked keep_cookie_lines=false stores no cookie lines", "[exchange_table]") {
  Fixture f;
  auto exchange = make_exchange(f.session, 4);
  exchange.request_headers.push_back({"Cookie", "sid=1"});
  exchange.response_headers.push_back({"Set-Cookie", "sid=2"});
  exchange.keep_cookie_lines = false;
  const auto id = f.insert(exchange);
  CHECK(f.db.query_int("SELECT count(*) FROM cookies").value() == 0);
  auto back = load_exchange(f.db, id);
  REQUIRE(back);
  // The header lines themselves are part of the exchange and stay.
  CHECK(find_header(back.value().request_headers, "cookie") == "sid=1");
  CHECK(find_header(back.value().response_headers, "set-cookie") == "sid=2");
}

TEST_CASE("the session's counters follow inserts and deletes", "[exchange_table]") {
  Fixture f;
  const auto first = f.insert(make_exchange(f.session, 1));
  const auto second = f.insert(make_exchange(f.session, 2));
  auto session = find_session(f.db, f.session, at(0)).value();
  CHECK(session.exchange_count == 2);
  const auto both = session.total_bytes;
  const auto one = load_exchange(f.db, first).value();
  CHECK(both > one.request_size + one.response_size);

  REQUIRE(delete_exchange(f.db, second));
  session = find_session(f.db, f.session, at(0)).value();
  CHECK(session.exchange_count == 1);
  CHECK(session.total_bytes == one.request_size + one.response_size);
  CHECK(delete_exchange(f.db, second).error().code == errc::not_found);
  CHECK(load_exchange(f.db, second).error().code == errc::not_found);
}

TEST_CASE("counts wait for apply_counts, go once, and a forgotten batch is not counted",
          "[exchange_table]") {
  Fixture f;
  // A second, already stopped session (only one may be running).
  REQUIRE(f.db.exec(
      "INSERT INTO sessions (id, name, source, state, options, started_at, state_changed_at) "
      "VALUES (70, 'other', 'proxy', 'stopped', '{}', 1, 2)"));
  const std::int64_t other = 70;
  auto inserter = ExchangeInserter::prepare(f.db);
  REQUIRE(inserter);
  auto count_of = [&](std::int64_t id) {
    return find_session(f.db, id, at(0)).value().exchange_count;
  };
  auto bytes_of = [&](std::int64_t id) {
    return find_session(f.db, id, at(0)).value().total_bytes;
  };
  auto first = make_exchange(f.session, 1);
  auto second = make_exchange(f.session, 2);
  auto third = make_exchange(other, 3);
  for (auto* e : {&first, &second, &third})
    prepare_for_storage(*e, CaptureLimits{});
  {
    auto transaction = Transaction::begin(f.db);
    REQUIRE(inserter.value().insert(first));
    REQUIRE(inserter.value().insert(second));
    REQUIRE(inserter.value().insert(third));
    CHECK(count_of(f.session) == 0);  // nothing counted yet
    REQUIRE(inserter.value().apply_counts());
    REQUIRE(inserter.value().apply_counts());  // a second call adds nothing
    REQUIRE(transaction.value().commit());
  }
  CHECK(count_of(f.session) == 2);
  CHECK(count_of(other) == 1);
  CHECK(bytes_of(f.session) ==
        first.request_size + first.response_size + second.request_size + second.response_size);
  CHECK(bytes_of(other) == third.request_size + third.response_size);

  // A batch rolled back: its rows are gone, so its counts must not reach the next batch.
  {
    auto transaction = Transaction::begin(f.db);
    REQUIRE(inserter.value().insert(make_exchange(other, 4)));
  }  // rolled back
  inserter.value().forget_counts();
  {
    auto transaction = Transaction::begin(f.db);
    REQUIRE(inserter.value().apply_counts());
    REQUIRE(transaction.value().commit());
  }
  CHECK(count_of(other) == 1);
  CHECK(f.db.query_int("SELECT count(*) FROM exchanges").value() == 3);
}

TEST_CASE("deleting a session deletes its exchanges and cookie lines", "[exchange_table]") {
  Fixture f;
  auto exchange = make_exchange(f.session, 1);
  exchange.request_headers.push_back({"Cookie", "a=b"});
  f.insert(exchange);
  f.insert(make_exchange(f.session, 2));
  REQUIRE(delete_session(f.db, f.session));
  CHECK(f.db.query_int("SELECT count(*) FROM exchanges").value() == 0);
  CHECK(f.db.query_int("SELECT count(*) FROM cookies").value() == 0);
}

TEST_CASE("the inserter knows which sessions exist and counts drops", "[exchange_table]") {
  Fixture f;
  auto inserter = ExchangeInserter::prepare(f.db);
  REQUIRE(inserter);
  CHECK(inserter.value().session_exists(f.session).value());
  CHECK_FALSE(inserter.value().session_exists(f.session + 1).value());
  REQUIRE(inserter.value().add_dropped(f.session, 5));
  REQUIRE(inserter.value().add_dropped(f.session, 2));
  CHECK(find_session(f.db, f.session, at(0)).value().dropped_count == 7);
}
