#include "runtime/store/exchange_table.hpp"

#include <string>
#include <utility>

#include "runtime/store/body_spool.hpp"
#include "runtime/store/errc.hpp"
#include "runtime/store/header_codec.hpp"

namespace postern::store {

namespace {

// The column list shared by insert and load, in the table's order (schema.cpp).
constexpr std::string_view kColumns =
    "session_id, started_at, ended_at, method, scheme, host, port, status, data_mode, "
    "request_size, response_size, http_version, tls, client_address, server_ip, dns_ms, "
    "connect_ms, tls_ms, send_ms, wait_ms, receive_ms, error, reason, url, path, query, "
    "request_body_size, request_body_truncated, request_body_omitted, response_body_size, "
    "response_body_truncated, response_body_omitted, request_headers, response_headers, "
    "request_body, response_body";
constexpr int kColumnCount = 36;

// The id is the last parameter: the writer assigns it when it queues the exchange (NULL: the
// next free one).
constexpr int kIdParameter = kColumnCount + 1;

std::string insert_sql() {
  std::string sql = "INSERT INTO exchanges (" + std::string(kColumns) + ", id) VALUES (";
  for (int i = 1; i <= kIdParameter; ++i)
    sql += (i > 1 ? ", ?" : "?") + std::to_string(i);
  return sql + ")";
}

std::int64_t millis_of(Timestamp at) {
  return at.time_since_epoch().count();
}

Timestamp at_millis(std::int64_t millis) {
  return Timestamp(std::chrono::milliseconds(millis));
}

std::optional<std::int64_t> optional_status(const Exchange& exchange) {
  if (!exchange.status) return std::nullopt;
  return *exchange.status;
}

// Binds a body's bytes at `index`; a spooled one as zeros of its length, which
// fill_spooled_body then overwrites in place from the file.
void bind_body(Statement& s, int index, const CapturedBody& body) {
  if (body.spooled)
    s.bind_zeroblob(index, kept_size(body));
  else
    s.bind_blob_in_place(index, body.bytes);
}

// Every value is bound in place (no copy): `e` and the encoded headers outlive the statement's
// run, which resets it.
void bind_exchange(Statement& s, const Exchange& e, std::string_view request_headers,
                   std::string_view response_headers) {
  const auto& t = e.timings;
  s.bind_int(1, e.session_id)
      .bind_int(2, millis_of(e.started_at))
      .bind_int(3, millis_of(e.ended_at));
  s.bind_blob_in_place(4, e.method).bind_blob_in_place(5, e.scheme);
  s.bind_blob_in_place(6, e.host).bind_int(7, e.port);
  s.bind_int(8, optional_status(e)).bind_blob_in_place(9, e.data_mode);
  s.bind_int(10, static_cast<std::int64_t>(e.request_size));
  s.bind_int(11, static_cast<std::int64_t>(e.response_size));
  s.bind_blob_in_place(12, e.http_version).bind_int(13, e.tls ? 1 : 0);
  s.bind_blob_in_place(14, e.client_address).bind_blob_in_place(15, e.server_ip);
  s.bind_double(16, t.dns_ms).bind_double(17, t.connect_ms).bind_double(18, t.tls_ms);
  s.bind_double(19, t.send_ms).bind_double(20, t.wait_ms).bind_double(21, t.receive_ms);
  s.bind_blob_in_place(22, e.error).bind_blob_in_place(23, e.reason);
  s.bind_blob_in_place(24, e.url).bind_blob_in_place(25, e.path).bind_blob_in_place(26, e.query);
  const auto& request = e.request_body;
  const auto& response = e.response_body;
  s.bind_int(27, static_cast<std::int64_t>(request.original_size));
  s.bind_int(28, request.truncated ? 1 : 0).bind_blob_in_place(29, request.omitted_reason);
  s.bind_int(30, static_cast<std::int64_t>(response.original_size));
  s.bind_int(31, response.truncated ? 1 : 0).bind_blob_in_place(32, response.omitted_reason);
  s.bind_blob_in_place(33, request_headers).bind_blob_in_place(34, response_headers);
  bind_body(s, 35, request);
  bind_body(s, 36, response);
  if (e.id > 0)
    s.bind_int(kIdParameter, e.id);
  else
    s.bind_null(kIdParameter);
}

// Column c of load_exchange's row is kColumns' entry c - 1 (column 0 is the id).
Exchange exchange_from_row(const Statement& r) {
  Exchange e;
  e.id = r.int_at(0);
  e.session_id = r.int_at(1);
  e.started_at = at_millis(r.int_at(2));
  e.ended_at = at_millis(r.int_at(3));
  e.method = r.bytes_at(4);
  e.scheme = r.bytes_at(5);
  e.host = r.bytes_at(6);
  e.port = static_cast<std::uint16_t>(r.int_at(7));
  if (auto status = r.optional_int_at(8)) e.status = static_cast<int>(*status);
  e.data_mode = r.bytes_at(9);
  e.request_size = static_cast<std::uint64_t>(r.int_at(10));
  e.response_size = static_cast<std::uint64_t>(r.int_at(11));
  e.http_version = r.bytes_at(12);
  e.tls = r.int_at(13) != 0;
  e.client_address = r.bytes_at(14);
  e.server_ip = r.bytes_at(15);
  e.timings = Timings{r.optional_double_at(16), r.optional_double_at(17), r.optional_double_at(18),
                      r.optional_double_at(19), r.optional_double_at(20), r.optional_double_at(21)};
  e.error = r.bytes_at(22);
  e.reason = r.bytes_at(23);
  e.url = r.bytes_at(24);
  e.path = r.bytes_at(25);
  e.query = r.bytes_at(26);
  e.request_body.original_size = static_cast<std::uint64_t>(r.int_at(27));
  e.request_body.truncated = r.int_at(28) != 0;
  e.request_body.omitted_reason = r.bytes_at(29);
  e.response_body.original_size = static_cast<std::uint64_t>(r.int_at(30));
  e.response_body.truncated = r.int_at(31) != 0;
  e.response_body.omitted_reason = r.bytes_at(32);
  // We wrote these blobs ourselves; a damaged one reads as no headers rather than failing the
  // whole exchange.
  e.request_headers = decode_headers(r.bytes_at(33)).value_or(Headers{});
  e.response_headers = decode_headers(r.bytes_at(34)).value_or(Headers{});
  e.request_body.bytes = r.bytes_at(35);
  e.response_body.bytes = r.bytes_at(36);
  return e;
}

bool is_header(std::string_view name, std::string_view wanted) {
  if (name.size() != wanted.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != wanted[i]) return false;
  }
  return true;
}

}  // namespace

base::Result<ExchangeInserter> ExchangeInserter::prepare(Database& db) {
  auto exchange = db.prepare(insert_sql());
  if (!exchange) return exchange.error();
  auto cookie = db.prepare(
      "INSERT INTO cookies (exchange_id, session_id, direction, host, value, seen_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!cookie) return cookie.error();
  auto session = db.prepare("SELECT 1 FROM sessions WHERE id = ?1");
  if (!session) return session.error();
  auto dropped = db.prepare("UPDATE sessions SET dropped_count = dropped_count + ?2 WHERE id = ?1");
  if (!dropped) return dropped.error();
  auto counted = db.prepare(
      "UPDATE sessions SET exchange_count = exchange_count + ?2, "
      "total_bytes = total_bytes + ?3 WHERE id = ?1");
  if (!counted) return counted.error();
  return ExchangeInserter(db, std::move(exchange).value(), std::move(cookie).value(),
                          std::move(session).value(), std::move(dropped).value(),
                          std::move(counted).value());
}

base::Result<std::int64_t> ExchangeInserter::last_id() {
  return db_->query_int("SELECT coalesce(max(id), 0) FROM exchanges");
}

base::Result<bool> ExchangeInserter::session_exists(std::int64_t id) {
  session_.bind_int(1, id);
  auto row = session_.step();
  session_.reset();
  return row;
}

base::Result<std::int64_t> ExchangeInserter::insert(const Exchange& exchange) {
  const std::string request_headers = encode_headers(exchange.request_headers);
  const std::string response_headers = encode_headers(exchange.response_headers);
  bind_exchange(exchange_, exchange, request_headers, response_headers);
  if (auto ran = exchange_.run(); !ran) return ran.error();
  const auto id = db_->last_insert_id();
  auto& counts = uncounted_[exchange.session_id];
  ++counts.exchanges;
  counts.bytes += exchange.request_size + exchange.response_size;
  if (auto filled =
          fill_spooled_body(id, "request_body", "request_body_truncated", exchange.request_body);
      !filled)
    return filled.error();
  if (auto filled =
          fill_spooled_body(id, "response_body", "response_body_truncated", exchange.response_body);
      !filled)
    return filled.error();
  if (!exchange.keep_cookie_lines) return id;  // the session does not capture cookies
  if (auto cookies = insert_cookies(id, exchange); !cookies) return cookies.error();
  return id;
}

base::Result<base::Ok> ExchangeInserter::insert_cookies(std::int64_t id, const Exchange& exchange) {
  const auto insert_lines = [&](const Headers& headers, std::string_view name,
                                CookieDirection direction) -> base::Result<base::Ok> {
    for (const auto& header : headers) {
      if (!is_header(header.name, name)) continue;
      cookie_.bind_int(1, id).bind_int(2, exchange.session_id).bind_text(3, to_string(direction));
      cookie_.bind_blob(4, exchange.host).bind_blob(5, header.value);
      cookie_.bind_int(6, millis_of(exchange.started_at));
      if (auto ran = cookie_.run(); !ran) return ran.error();
    }
    return base::Ok{};
  };
  if (auto sent = insert_lines(exchange.request_headers, "cookie", CookieDirection::request); !sent)
    return sent;
  return insert_lines(exchange.response_headers, "set-cookie", CookieDirection::response);
}

// Streams a spooled body into the zeros bind_body left for it, 256 KiB at a time. Should the
// spool file fail to read (an I/O error), the row keeps whatever head is still in memory,
// marked truncated, rather than failing the batch it is part of.
base::Result<base::Ok> ExchangeInserter::fill_spooled_body(std::int64_t id, const char* column,
                                                           const char* truncated_column,
                                                           const CapturedBody& body) {
  if (!body.spooled) return base::Ok{};
  std::string buffer(256 * 1024, '\0');
  bool spool_failed = false;
  auto filled = db_->write_blob(
      "exchanges", column, id, [&](std::uint64_t offset) -> base::Result<std::string_view> {
        auto got = body.spooled->read_at(offset, buffer.data(), buffer.size());
        if (!got) {
          spool_failed = true;
          return got.error();
        }
        return std::string_view(buffer.data(), got.value());
      });
  if (filled || !spool_failed) return filled;
  auto keep_memory = db_->prepare("UPDATE exchanges SET " + std::string(column) + " = ?2, " +
                                  truncated_column + " = 1 WHERE id = ?1");
  if (!keep_memory) return keep_memory.error();
  keep_memory.value().bind_int(1, id).bind_blob(2, body.bytes);
  return keep_memory.value().run();
}

base::Result<base::Ok> ExchangeInserter::apply_counts() {
  // Taken out first: whatever happens, the same exchanges are never counted twice.
  const auto counts = std::exchange(uncounted_, {});
  for (const auto& [session, added] : counts) {
    counted_.bind_int(1, session)
        .bind_int(2, static_cast<std::int64_t>(added.exchanges))
        .bind_int(3, static_cast<std::int64_t>(added.bytes));
    if (auto ran = counted_.run(); !ran) return ran.error();
  }
  return base::Ok{};
}

void ExchangeInserter::forget_counts() {
  uncounted_.clear();
}

base::Result<base::Ok> ExchangeInserter::add_dropped(std::int64_t id, std::uint64_t count) {
  dropped_.bind_int(1, id).bind_int(2, static_cast<std::int64_t>(count));
  return dropped_.run();
}

base::Result<Exchange> load_exchange(Database& db, std::int64_t id) {
  auto query = db.prepare("SELECT id, " + std::string(kColumns) + " FROM exchanges WHERE id = ?1");
  if (!query) return query.error();
  query.value().bind_int(1, id);
  auto row = query.value().step();
  if (!row) return row.error();
  if (!row.value())
    return base::Error{errc::not_found,
                       path_to_utf8(db.file()) + ": no exchange " + std::to_string(id), ""};
  return exchange_from_row(query.value());
}

base::Result<base::Ok> delete_exchange(Database& db, std::int64_t id) {
  auto remove = db.prepare("DELETE FROM exchanges WHERE id = ?1");
  if (!remove) return remove.error();
  remove.value().bind_int(1, id);
  if (auto ran = remove.value().run(); !ran) return ran.error();
  if (db.changes() == 0)
    return base::Error{errc::not_found,
                       path_to_utf8(db.file()) + ": no exchange " + std::to_string(id), ""};
  return base::Ok{};
}

}  // namespace postern::store
