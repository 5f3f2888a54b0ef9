#include "runtime/store/sqlite_handles.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "runtime/store/errc.hpp"
#include "store_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace postern::store;
using namespace std::string_literals;
using postern::store::testing::open_db;
using postern::testing::TempDir;

TEST_CASE("values round-trip through bound parameters", "[sqlite_handles]") {
  TempDir dir;
  auto db = open_db(dir / "t.db");
  REQUIRE(db.exec("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB)"));
  auto insert = db.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)");
  REQUIRE(insert);
  const auto bytes = "a\0b\xff'); DROP TABLE t; --"s;
  insert.value().bind_int(1, -42).bind_double(2, 1.5).bind_text(3, "text").bind_blob(4, bytes);
  REQUIRE(insert.value().run());
  insert.value()
      .bind_int(1, std::nullopt)
      .bind_double(2, std::nullopt)
      .bind_null(3)
      .bind_blob(4, "");
  REQUIRE(insert.value().run());
  CHECK(db.last_insert_id() == 2);

  auto select = db.prepare("SELECT i, d, s, b, typeof(b) FROM t ORDER BY rowid");
  REQUIRE(select);
  auto& s = select.value();
  REQUIRE(s.step().value());
  CHECK(s.int_at(0) == -42);
  CHECK(s.double_at(1) == 1.5);
  CHECK(s.bytes_at(2) == "text");
  CHECK(s.bytes_at(3) == bytes);
  CHECK(s.optional_int_at(0) == -42);
  REQUIRE(s.step().value());
  CHECK(s.is_null(0));
  CHECK_FALSE(s.optional_int_at(0));
  CHECK_FALSE(s.optional_double_at(1));
  CHECK(s.bytes_at(2).empty());
  CHECK(s.bytes_at(4) == "blob");  // an empty value is an empty BLOB, not NULL
  CHECK_FALSE(s.step().value());
  CHECK(db.query_int("SELECT count(*) FROM t").value() == 2);
}

TEST_CASE("errors name the file and carry SQLite's text", "[sqlite_handles]") {
  TempDir dir;
  const auto file = dir / "t.db";
  auto db = open_db(file);
  auto bad = db.prepare("SELEKT 1");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == errc::sqlite_failure);
  CHECK(bad.error().message.find(file.string()) != std::string::npos);
  CHECK(bad.error().message.find("syntax error") != std::string::npos);

  REQUIRE(db.exec("CREATE TABLE u (x INTEGER UNIQUE)"));
  auto insert = db.prepare("INSERT INTO u VALUES (1)");
  REQUIRE(insert.value().run());
  auto again = insert.value().run();
  REQUIRE_FALSE(again);
  CHECK(again.error().message.find("UNIQUE") != std::string::npos);
  CHECK(again.error().message.find(file.string()) != std::string::npos);
}

TEST_CASE("opening read-only a missing file fails, naming it", "[sqlite_handles]") {
  TempDir dir;
  auto db = Database::open(dir / "missing.db", OpenMode::read_only);
  REQUIRE_FALSE(db);
  CHECK(db.error().code == errc::cannot_open);
  CHECK(db.error().message.find("missing.db") != std::string::npos);
  CHECK_FALSE(db.error().remedy.empty());
}

TEST_CASE("a file that is not SQLite is reported as not a database", "[sqlite_handles]") {
  TempDir dir;
  const auto file = dir / "junk.db";
  std::ofstream(file, std::ios::binary) << std::string(4096, 'x');
  auto db = open_db(file);
  auto count = db.query_int("SELECT count(*) FROM sqlite_schema");
  REQUIRE_FALSE(count);
  CHECK(count.error().code == errc::not_a_database);
  CHECK(count.error().message.find("junk.db") != std::string::npos);
  CHECK(count.error().remedy.find("never deletes") != std::string::npos);
}

TEST_CASE("a transaction rolls back unless committed", "[sqlite_handles]") {
  TempDir dir;
  auto db = open_db(dir / "t.db");
  REQUIRE(db.exec("CREATE TABLE t (x)"));
  {
    auto transaction = Transaction::begin(db);
    REQUIRE(transaction);
    REQUIRE(db.exec("INSERT INTO t VALUES (1)"));
  }
  CHECK(db.query_int("SELECT count(*) FROM t").value() == 0);
  {
    auto transaction = Transaction::begin(db);
    REQUIRE(db.exec("INSERT INTO t VALUES (1)"));
    REQUIRE(transaction.value().commit());
  }
  CHECK(db.query_int("SELECT count(*) FROM t").value() == 1);
}

TEST_CASE("a second writer waiting past the busy timeout is reported busy", "[sqlite_handles]") {
  TempDir dir;
  auto first = open_db(dir / "t.db");
  auto second = open_db(dir / "t.db");
  REQUIRE(first.exec("CREATE TABLE t (x)"));
  auto holding = Transaction::begin(first);
  REQUIRE(holding);
  auto blocked = Transaction::begin(second);  // busy_timeout is 0 on a bare connection
  REQUIRE_FALSE(blocked);
  CHECK(blocked.error().code == errc::busy);
}

TEST_CASE("moved handles keep working and close once", "[sqlite_handles]") {
  TempDir dir;
  auto db = open_db(dir / "t.db");
  Database moved = std::move(db);
  auto statement = moved.prepare("SELECT 7");
  REQUIRE(statement);
  Statement other = std::move(statement).value();
  REQUIRE(other.step().value());
  CHECK(other.int_at(0) == 7);
  CHECK(moved.file() == dir / "t.db");
}
