#pragma once
// Shared by the store tests: databases to test against, exchanges that look like captured
// traffic, and small helpers.

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "runtime/store/records.hpp"
#include "runtime/store/session_table.hpp"
#include "runtime/store/sqlite_handles.hpp"
#include "runtime/store/store_file.hpp"

namespace postern::store::testing {

/// A timestamp `millis` after an arbitrary fixed start (2024-01-01T00:00:00Z).
inline Timestamp at(std::int64_t millis) {
  return Timestamp(std::chrono::milliseconds(1704067200000LL + millis));
}

/// A plain SQLite database at `file`, without Postern's schema.
inline Database open_db(const std::filesystem::path& file) {
  auto db = Database::open(file, OpenMode::read_write);
  REQUIRE(db);
  return std::move(db).value();
}

/// A new, migrated capture database (a function: Catch's macros cannot sit in a member's
/// default initializer).
inline Database fresh_database(const std::filesystem::path& file) {
  auto opened = open_capture_database(file);
  REQUIRE(opened);
  return std::move(opened).value();
}

/// The id of a new proxy session "s", started at at(0), in `db`.
inline std::int64_t new_proxy_session(Database& db) {
  auto created = create_session(db, NewSession{"s", SessionSource::proxy, "{}"}, at(0));
  REQUIRE(created);
  return created.value().id;
}

/// The wall clock now, to the millisecond.
inline Timestamp wall_now() {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

/// A GET with a JSON response, numbered `n` in its URL path (/item/<n>).
inline Exchange make_exchange(std::int64_t session_id, int n,
                              const std::string& host = "api.example.com") {
  Exchange e;
  e.session_id = session_id;
  e.started_at = at(n * 10);
  e.ended_at = at(n * 10 + 5);
  e.method = "GET";
  e.url = "https://" + host + "/item/" + std::to_string(n) + "?q=" + std::to_string(n % 7);
  e.http_version = "HTTP/1.1";
  e.request_headers = {{"Host", host}, {"Accept", "application/json"}};
  e.status = 200;
  e.reason = "OK";
  e.response_headers = {{"Content-Type", "application/json"}};
  e.response_body.bytes = "{\"n\":" + std::to_string(n) + "}";
  e.client_address = "127.0.0.1:50000";
  e.tls = true;
  e.server_ip = "192.0.2.10";
  return e;
}

}  // namespace postern::store::testing
