#include "runtime/capture/records_json.hpp"

#include <chrono>
#include <cstdio>

#include "runtime/bridge/base64.hpp"
#include "runtime/bridge/utf8.hpp"
#include "runtime/store/errc.hpp"

namespace postern::capture {

namespace {

using json = nlohmann::json;

json optional_number(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json headers_json(const store::Headers& headers) {
  json out = json::array();
  for (const auto& header : headers)
    out.push_back({{"name", valid_utf8(header.name)}, {"value", valid_utf8(header.value)}});
  return out;
}

json counts_json(const std::vector<store::Count>& counts) {
  json out = json::array();
  for (const auto& count : counts)
    out.push_back({{"key", valid_utf8(count.key)}, {"count", count.count}});
  return out;
}

json timings_json(const store::Timings& t) {
  return {{"dns_ms", optional_number(t.dns_ms)},   {"connect_ms", optional_number(t.connect_ms)},
          {"tls_ms", optional_number(t.tls_ms)},   {"send_ms", optional_number(t.send_ms)},
          {"wait_ms", optional_number(t.wait_ms)}, {"receive_ms", optional_number(t.receive_ms)}};
}

json stored_options(const std::string& options_json) {
  // Stored by start() from to_json(CaptureOptions); anything unreadable shows as it was kept
  // rather than failing the whole session list.
  auto parsed = json::parse(options_json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return json::object();
  return parsed;
}

}  // namespace

std::string iso8601(store::Timestamp at) {
  using namespace std::chrono;
  const auto day = floor<days>(at);
  const year_month_day date{day};
  const hh_mm_ss time{at - day};
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(time.hours().count()),
                int(time.minutes().count()), int(time.seconds().count()),
                int(time.subseconds().count()));
  return text;
}

std::string valid_utf8(std::string_view bytes) {
  if (bridge::is_valid_utf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 8);
  for (std::size_t at = 0; at < bytes.size();) {
    const auto length = bridge::utf8_sequence_length(bytes, at);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++at;
    } else {
      out.append(bytes.substr(at, length));
      at += length;
    }
  }
  return out;
}

json to_json(const store::Session& s, const std::optional<CaptureOptions>& options_now) {
  return {{"id", s.id},
          {"name", valid_utf8(s.name)},
          {"source", to_string(s.source)},
          {"state", to_string(s.state)},
          {"options", options_now ? to_json(*options_now) : stored_options(s.options_json)},
          {"started_at", iso8601(s.started_at)},
          {"stopped_at", s.stopped_at ? json(iso8601(*s.stopped_at)) : json(nullptr)},
          {"duration_ms", s.duration.count()},
          {"exchange_count", s.exchange_count},
          {"total_bytes", s.total_bytes},
          {"dropped_count", s.dropped_count}};
}

json to_json(const store::ExchangeSummary& e) {
  return {{"id", e.id},
          {"started_at", iso8601(e.started_at)},
          {"ended_at", iso8601(e.ended_at)},
          {"method", valid_utf8(e.method)},
          {"url", valid_utf8(e.url)},
          {"host", valid_utf8(e.host)},
          {"status", e.status ? json(*e.status) : json(nullptr)},
          {"data_mode", e.data_mode},
          {"request_size", e.request_size},
          {"response_size", e.response_size},
          {"error", valid_utf8(e.error)}};
}

json to_json(const store::ExchangePage& page) {
  json items = json::array();
  for (const auto& item : page.items)
    items.push_back(to_json(item));
  return {
      {"items", items}, {"total", page.total}, {"page", page.page}, {"per_page", page.per_page}};
}

json to_json(const store::CapturedBody& body) {
  json out = json::object();
  if (bridge::is_valid_utf8(body.bytes))
    out["text"] = body.bytes;
  else
    out["base64"] = bridge::base64_encode(body.bytes);
  out["size"] = body.original_size;
  out["truncated"] = body.truncated;
  out["omitted_reason"] = body.omitted_reason.empty() ? json(nullptr) : json(body.omitted_reason);
  return out;
}

json to_json(const store::Exchange& e) {
  auto out = to_json(summary_of(e));
  out["session_id"] = e.session_id;
  out["scheme"] = valid_utf8(e.scheme);
  out["port"] = e.port;
  out["path"] = valid_utf8(e.path);
  out["query"] = valid_utf8(e.query);
  out["http_version"] = valid_utf8(e.http_version);
  out["request_headers"] = headers_json(e.request_headers);
  out["request_body"] = to_json(e.request_body);
  out["reason"] = valid_utf8(e.reason);
  out["response_headers"] = headers_json(e.response_headers);
  out["response_body"] = e.status ? to_json(e.response_body) : json(nullptr);
  out["timings"] = timings_json(e.timings);
  out["client_address"] = valid_utf8(e.client_address);
  out["tls"] = e.tls;
  out["server_ip"] = valid_utf8(e.server_ip);
  return out;
}

json to_json(const store::Overview& o) {
  return {{"total", o.total},
          {"by_method", counts_json(o.by_method)},
          {"by_domain", counts_json(o.by_domain)},
          {"by_data_mode", counts_json(o.by_data_mode)},
          {"by_status", counts_json(o.by_status)},
          {"by_status_class", counts_json(o.by_status_class)}};
}

json to_json(const store::CapturedCookie& c) {
  return {{"exchange_id", c.exchange_id},
          {"direction", to_string(c.direction)},
          {"host", valid_utf8(c.host)},
          {"header_value", valid_utf8(c.header_value)},
          {"seen_at", iso8601(c.seen_at)}};
}

store::ExchangeSummary summary_of(const store::Exchange& e) {
  return store::ExchangeSummary{e.id,           e.started_at,    e.ended_at, e.method,
                                e.url,          e.host,          e.status,   e.data_mode,
                                e.request_size, e.response_size, e.error};
}

namespace {

std::string storage_code(const std::error_code& code) {
  if (code == store::errc::disk_full) return "DISK_FULL";
  if (code == store::errc::read_only) return "STORE_READ_ONLY";
  return "STORE_ERROR";
}

}  // namespace

json storage_json(const store::WriterStats& stats) {
  json last_error = nullptr;
  if (stats.last_failure)
    last_error = {{"code", storage_code(stats.last_failure->code)},
                  {"message", stats.last_failure->message},
                  {"remedy", stats.last_failure->remedy}};
  return {
      {"ok", !stats.failing}, {"not_stored", stats.failed}, {"last_error", std::move(last_error)}};
}

}  // namespace postern::capture
