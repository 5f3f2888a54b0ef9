#include "runtime/store/schema.hpp"

#include <catch2/catch.hpp>

#include "runtime/store/errc.hpp"
#include "store_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace postern::store;
using postern::store::testing::open_db;
using postern::testing::TempDir;

TEST_CASE("migrations are numbered 1, 2, ... in order", "[schema]") {
  int expected = 1;
  for (const auto& step : migrations()) {
    CHECK(step.version == expected++);
    CHECK_FALSE(step.summary.empty());
    CHECK_FALSE(step.sql.empty());
  }
  CHECK(latest_schema_version() == expected - 1);
}

TEST_CASE("an empty file is migrated to the latest version", "[schema]") {
  TempDir dir;
  auto db = open_db(dir / "capture.db");
  CHECK(check_schema(db).value() == 0);
  REQUIRE(migrate(db));
  CHECK(schema_version(db).value() == latest_schema_version());
  CHECK(db.query_int("PRAGMA application_id").value() == kApplicationId);
  CHECK(db.query_int("SELECT count(*) FROM sqlite_schema WHERE name IN "
                     "('sessions', 'exchanges', 'cookies')")
            .value() == 3);
  REQUIRE(migrate(db));  // nothing left to do: a no-op
  CHECK(schema_version(db).value() == latest_schema_version());
}

TEST_CASE("a version 1 file is migrated with its data and counters", "[schema]") {
  TempDir dir;
  auto db = open_db(dir / "capture.db");
  REQUIRE(migrate(db, 1));
  CHECK(schema_version(db).value() == 1);
  REQUIRE(db.exec(
      "INSERT INTO sessions (id, name, source, state, options, started_at, state_changed_at) "
      "VALUES (7, 'old', 'proxy', 'stopped', '{}', 1, 2)"));
  for (int i = 0; i < 3; ++i) {
    auto insert = db.prepare(
        "INSERT INTO exchanges (session_id, started_at, ended_at, method, scheme, host, port, "
        "data_mode, request_size, response_size, http_version, tls, client_address, server_ip, "
        "error, reason, url, path, query, request_body_size, request_body_truncated, "
        "request_body_omitted, response_body_size, response_body_truncated, "
        "response_body_omitted, request_headers, response_headers, request_body, "
        "response_body) VALUES (7, 1, 2, 'GET', 'http', 'h', 80, 'none', ?1, 100, "
        "'HTTP/1.1', 0, '', '', '', '', 'http://h/', '/', '', 0, 0, '', 0, 0, '', x'', x'', "
        "x'', x'')");
    REQUIRE(insert);
    insert.value().bind_int(1, 10 + i);
    REQUIRE(insert.value().run());
  }
  REQUIRE(migrate(db));
  CHECK(schema_version(db).value() == latest_schema_version());
  auto row = db.prepare("SELECT name, exchange_count, total_bytes, dropped_count FROM sessions");
  REQUIRE(row.value().step().value());
  CHECK(row.value().bytes_at(0) == "old");
  CHECK(row.value().int_at(1) == 3);
  CHECK(row.value().int_at(2) == (10 + 11 + 12) + 3 * 100);
  CHECK(row.value().int_at(3) == 0);
}

TEST_CASE("a file from a newer version is refused", "[schema]") {
  TempDir dir;
  auto db = open_db(dir / "capture.db");
  REQUIRE(migrate(db));
  REQUIRE(db.exec("PRAGMA user_version = 99"));
  auto refused = migrate(db);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == errc::newer_schema);
  CHECK(refused.error().message.find("capture.db") != std::string::npos);
  CHECK(refused.error().message.find("99") != std::string::npos);
  CHECK(schema_version(db).value() == 99);
}

TEST_CASE("a SQLite file that is not ours is refused", "[schema]") {
  TempDir dir;
  auto db = open_db(dir / "other.db");
  REQUIRE(db.exec("CREATE TABLE notes (text TEXT)"));
  auto refused = migrate(db);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == errc::not_a_database);
  CHECK(refused.error().message.find("not a Postern capture store") != std::string::npos);
  CHECK(db.query_int("SELECT count(*) FROM sqlite_schema").value() == 1);
}
