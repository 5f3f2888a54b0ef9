#include "runtime/control/client/exchange_types.hpp"

#include "runtime/bridge/base64.hpp"

namespace postern::control_client {

namespace {

Header read_header(const JsonFields& fields) {
  return Header{fields.text("name"), fields.text("value")};
}

Body read_body(const JsonFields& fields) {
  Body out;
  if (fields.has("text")) {
    out.bytes = fields.text("text");
  } else if (fields.has("base64")) {
    out.text = false;
    auto bytes = bridge::base64_decode(fields.text("base64"));
    if (bytes) {
      out.bytes = std::move(bytes).value();
    } else {
      fields.fail_at("base64", "not base64: " + bytes.error().message);
    }
  } else {
    fields.fail("expected \"text\" or \"base64\"");
  }
  out.size = fields.integer("size");
  out.truncated = fields.flag_or("truncated", false);
  out.omitted_reason = fields.text_or("omitted_reason", "");
  return out;
}

Timings read_timings(const JsonFields& fields) {
  return Timings{fields.nullable_number("dns_ms"),  fields.nullable_number("connect_ms"),
                 fields.nullable_number("tls_ms"),  fields.nullable_number("send_ms"),
                 fields.nullable_number("wait_ms"), fields.nullable_number("receive_ms")};
}

KeyCount read_count(const JsonFields& fields) {
  return KeyCount{fields.text("key"), fields.integer("count")};
}

SessionCookie read_session_cookie(const JsonFields& fields) {
  return SessionCookie{fields.integer("exchange_id"), fields.text("direction"), fields.text("host"),
                       fields.text("header_value"), fields.text("seen_at")};
}

}  // namespace

ExchangeSummary read_exchange_summary(const JsonFields& fields) {
  ExchangeSummary out;
  out.id = fields.integer("id");
  out.session_id = fields.nullable_integer("session_id");
  out.started_at = fields.text("started_at");
  out.ended_at = fields.text("ended_at");
  out.method = fields.text("method");
  out.url = fields.text("url");
  out.host = fields.text("host");
  out.status = fields.nullable_integer("status");
  out.data_mode = fields.text_or("data_mode", "");
  out.request_size = fields.integer("request_size");
  out.response_size = fields.integer("response_size");
  out.error = fields.text_or("error", "");
  return out;
}

ExchangePage read_exchange_page(const JsonFields& fields) {
  ExchangePage out;
  out.items = fields.list<ExchangeSummary>("items", read_exchange_summary);
  out.total = fields.integer("total");
  out.page = fields.integer("page");
  out.per_page = fields.integer("per_page");
  return out;
}

Exchange read_exchange(const JsonFields& fields) {
  Exchange out;
  out.summary = read_exchange_summary(fields);
  out.scheme = fields.text("scheme");
  out.port = fields.integer("port");
  out.path = fields.text("path");
  out.query = fields.text_or("query", "");
  out.http_version = fields.text_or("http_version", "");
  out.request_headers = fields.list<Header>("request_headers", read_header);
  out.request_body = read_body(fields.at("request_body"));
  out.reason = fields.text_or("reason", "");
  out.response_headers = fields.list<Header>("response_headers", read_header);
  if (fields.has("response_body")) out.response_body = read_body(fields.at("response_body"));
  if (fields.has("timings")) out.timings = read_timings(fields.at("timings"));
  out.client_address = fields.text_or("client_address", "");
  out.tls = fields.flag_or("tls", false);
  out.server_ip = fields.text_or("server_ip", "");
  return out;
}

Overview read_overview(const JsonFields& fields) {
  Overview out;
  out.total = fields.integer("total");
  out.by_method = fields.list<KeyCount>("by_method", read_count);
  out.by_domain = fields.list<KeyCount>("by_domain", read_count);
  out.by_data_mode = fields.list<KeyCount>("by_data_mode", read_count);
  out.by_status = fields.list<KeyCount>("by_status", read_count);
  out.by_status_class = fields.list<KeyCount>("by_status_class", read_count);
  return out;
}

std::vector<SessionCookie> read_session_cookies(const JsonFields& fields) {
  return fields.list<SessionCookie>("cookies", read_session_cookie);
}

}  // namespace postern::control_client
