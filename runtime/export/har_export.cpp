#include "runtime/export/har_export.hpp"

#include <algorithm>
#include <string>

#include "runtime/control/api_time.hpp"
#include "runtime/cookies/ascii.hpp"
#include "runtime/cookies/cookie_header.hpp"
#include "runtime/cookies/set_cookie.hpp"
#include "runtime/export/body_text.hpp"
#include "runtime/export/form_fields.hpp"
#include "runtime/store/capture_policy.hpp"

namespace postern::exports {

namespace {

using cookies::ascii::iequals;
using nlohmann::json;

json name_values(const store::Headers& headers) {
  json list = json::array();
  for (const auto& header : headers)
    list.push_back({{"name", header.name}, {"value", header.value}});
  return list;
}

json request_cookies(const store::Headers& headers) {
  json list = json::array();
  for (const auto& header : headers)
    if (iequals(header.name, "cookie"))
      for (const auto& pair : cookies::parse_cookie_header(header.value))
        list.push_back({{"name", pair.name}, {"value", pair.value}});
  return list;
}

// Set-Cookie lines read as the browser read them when they arrived (Max-Age counts from then).
// A line a browser would ignore is left out, as the browser left it out.
json response_cookies(const store::Headers& headers, store::Timestamp at) {
  json list = json::array();
  const auto now = std::chrono::floor<std::chrono::seconds>(at);
  for (const auto& header : headers) {
    if (!iequals(header.name, "set-cookie")) continue;
    auto parsed = cookies::parse_set_cookie(header.value, now);
    if (!parsed) continue;
    const auto& cookie = parsed.value();
    json entry = {{"name", cookie.name},
                  {"value", cookie.value},
                  {"httpOnly", cookie.http_only},
                  {"secure", cookie.secure}};
    if (cookie.path && !cookie.path->empty()) entry["path"] = *cookie.path;
    if (cookie.domain) entry["domain"] = *cookie.domain;
    if (cookie.expires)
      entry["expires"] = control::format_api_time(
          std::chrono::time_point_cast<std::chrono::milliseconds>(*cookie.expires));
    list.push_back(std::move(entry));
  }
  return list;
}

json query_string(std::string_view query) {
  json list = json::array();
  for (const auto& field : parse_urlencoded(query))
    list.push_back({{"name", field.name}, {"value", field.value.value_or("")}});
  return list;
}

// HAR's headersSize: the start line and headers with their CRLFs. The store keeps the wire size
// of the whole message (docs/store.md), so that less the body; -1 when it is not known.
long long head_size(std::uint64_t message_size, const store::CapturedBody& body) {
  if (message_size == 0 || message_size < body.original_size) return -1;
  return static_cast<long long>(message_size - body.original_size);
}

json form_params(const store::Exchange& exchange) {
  const auto& body = exchange.request_body;
  json params = json::array();
  if (exchange.data_mode == "urlencoded") {
    for (const auto& field : parse_urlencoded(body.bytes))
      params.push_back({{"name", field.name}, {"value", field.value.value_or("")}});
    return params;
  }
  auto parts = parse_multipart(body.bytes, content_type_of(exchange.request_headers));
  if (!parts) return nullptr;
  for (const auto& part : *parts) {
    json param = {{"name", part.name}};
    const auto text = body_text(part.value);
    if (!text.base64) param["value"] = text.text;
    if (text.base64) param["comment"] = "binary content left out";
    if (part.file_name) param["fileName"] = *part.file_name;
    if (!part.content_type.empty()) param["contentType"] = part.content_type;
    params.push_back(std::move(param));
  }
  return params;
}

// postData: form fields as params, anything else as text. HAR 1.2 has no encoding field here,
// so a body that is not UTF-8 is base64 with the custom field "_encoding" (custom fields start
// with '_', HAR 1.2 "Custom fields").
json post_data(const store::Exchange& exchange) {
  const auto& body = exchange.request_body;
  json data = {{"mimeType", content_type_of(exchange.request_headers)}};
  const bool form = exchange.data_mode == "urlencoded" || exchange.data_mode == "formdata";
  json params = form && !body.truncated ? form_params(exchange) : json(nullptr);
  if (!params.is_null()) {
    data["params"] = std::move(params);
  } else {
    const auto text = body_text(body.bytes);
    data["text"] = text.text;
    if (text.base64) data["_encoding"] = "base64";
  }
  if (const auto note = body_cut_note(body); !note.empty()) data["comment"] = note;
  return data;
}

json request_of(const store::Exchange& exchange) {
  json request = {{"method", exchange.method},
                  {"url", exchange.url},
                  {"httpVersion", exchange.http_version},
                  {"cookies", request_cookies(exchange.request_headers)},
                  {"headers", name_values(exchange.request_headers)},
                  {"queryString", query_string(exchange.query)},
                  {"headersSize", head_size(exchange.request_size, exchange.request_body)},
                  {"bodySize", exchange.request_body.original_size}};
  const auto& body = exchange.request_body;
  if (body.original_size > 0 || !body.bytes.empty()) request["postData"] = post_data(exchange);
  return request;
}

json content_of(const store::Exchange& exchange) {
  const auto& body = exchange.response_body;
  const auto type = content_type_of(exchange.response_headers);
  // "x-unknown" is what browsers' HAR exports say when there is no Content-Type.
  json content = {{"size", body.original_size}, {"mimeType", type.empty() ? "x-unknown" : type}};
  if (body.omitted_reason.empty()) {
    const auto text = body_text(body.bytes);
    content["text"] = text.text;
    if (text.base64) content["encoding"] = "base64";
  }
  if (const auto note = body_cut_note(body); !note.empty()) content["comment"] = note;
  return content;
}

json failed_response(const store::Exchange& exchange) {
  return {{"status", 0},
          {"statusText", ""},
          {"httpVersion", ""},
          {"cookies", json::array()},
          {"headers", json::array()},
          {"content", {{"size", 0}, {"mimeType", "x-unknown"}}},
          {"redirectURL", ""},
          {"headersSize", -1},
          {"bodySize", -1},
          {"comment", "no response: " + (exchange.error.empty() ? "unknown" : exchange.error)}};
}

json response_of(const store::Exchange& exchange) {
  if (!exchange.status) return failed_response(exchange);
  const auto location = store::find_header(exchange.response_headers, "location");
  return {{"status", *exchange.status},
          {"statusText", exchange.reason},
          {"httpVersion", exchange.http_version},
          {"cookies", response_cookies(exchange.response_headers, exchange.started_at)},
          {"headers", name_values(exchange.response_headers)},
          {"content", content_of(exchange)},
          {"redirectURL", std::string(location.value_or(""))},
          {"headersSize", head_size(exchange.response_size, exchange.response_body)},
          {"bodySize", exchange.response_body.original_size}};
}

double known_or(const std::optional<double>& ms, double otherwise) {
  return ms ? std::max(0.0, *ms) : otherwise;
}

// HAR 1.2 timings: blocked, dns, connect and ssl are -1 when unknown, and connect includes ssl.
// send, wait and receive may not be -1: unknown send and receive are 0, and an unknown wait is
// the time of the exchange no known phase accounts for. `time` is the sum of the phases.
json timings_of(const store::Exchange& exchange, double& total) {
  const auto& t = exchange.timings;
  const double dns = known_or(t.dns_ms, -1);
  const double connect =
      t.connect_ms || t.tls_ms ? known_or(t.connect_ms, 0) + known_or(t.tls_ms, 0) : -1;
  const double send = known_or(t.send_ms, 0);
  const double receive = known_or(t.receive_ms, 0);
  const double elapsed = static_cast<double>((exchange.ended_at - exchange.started_at).count());
  const double known = std::max(0.0, dns) + std::max(0.0, connect) + send + receive;
  const double wait = known_or(t.wait_ms, std::max(0.0, elapsed - known));
  total = known + wait;
  return {{"blocked", -1}, {"dns", dns},         {"connect", connect},           {"send", send},
          {"wait", wait},  {"receive", receive}, {"ssl", known_or(t.tls_ms, -1)}};
}

json entry_of(const store::Exchange& exchange, const std::string& page_id) {
  double total = 0;
  auto timings = timings_of(exchange, total);
  json entry = {{"pageref", page_id},
                {"startedDateTime", control::format_api_time(exchange.started_at)},
                {"time", total},
                {"request", request_of(exchange)},
                {"response", response_of(exchange)},
                {"cache", json::object()},
                {"timings", std::move(timings)}};
  if (!exchange.server_ip.empty()) entry["serverIPAddress"] = exchange.server_ip;
  if (exchange.status && !exchange.error.empty()) entry["comment"] = exchange.error;
  return entry;
}

}  // namespace

json har_document(const store::Session& session, const std::vector<store::Exchange>& exchanges) {
  const std::string page_id = "session-" + std::to_string(session.id);
  json entries = json::array();
  for (const auto& exchange : exchanges)
    entries.push_back(entry_of(exchange, page_id));
  json page = {{"startedDateTime", control::format_api_time(session.started_at)},
               {"id", page_id},
               {"title", session.name.empty() ? page_id : session.name},
               {"pageTimings", {{"onContentLoad", -1}, {"onLoad", -1}}}};
  return {{"log",
           {{"version", "1.2"},
            {"creator", {{"name", "Postern"}, {"version", POSTERN_VERSION}}},
            {"pages", json::array({std::move(page)})},
            {"entries", std::move(entries)}}}};
}

}  // namespace postern::exports
