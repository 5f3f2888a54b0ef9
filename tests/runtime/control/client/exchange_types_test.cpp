#include "runtime/control/client/exchange_types.hpp"

#include <catch2/catch.hpp>

using namespace postern::control_client;
using nlohmann::json;

namespace {

json summary_json() {
  return {{"id", 11},
          {"started_at", "2026-11-22T10:00:00.000Z"},
          {"ended_at", "2026-11-22T10:00:00.050Z"},
          {"method", "POST"},
          {"url", "http://127.0.0.1:8080/api?q=1"},
          {"host", "127.0.0.1"},
          {"status", 201},
          {"data_mode", "json"},
          {"request_size", 12},
          {"response_size", 3},
          {"error", ""}};
}

json exchange_json() {
  json out = summary_json();
  out["session_id"] = 2;
  out["scheme"] = "http";
  out["port"] = 8080;
  out["path"] = "/api";
  out["query"] = "q=1";
  out["http_version"] = "HTTP/1.1";
  out["request_headers"] = {{{"name", "Content-Type"}, {"value", "application/json"}}};
  out["request_body"] = {
      {"text", R"({"a":1})"}, {"size", 7}, {"truncated", false}, {"omitted_reason", nullptr}};
  out["reason"] = "Created";
  out["response_headers"] = json::array();
  out["response_body"] = {
      {"base64", "AP8="}, {"size", 2}, {"truncated", false}, {"omitted_reason", nullptr}};
  out["timings"] = {{"dns_ms", nullptr}, {"connect_ms", 0.5}, {"tls_ms", nullptr},
                    {"send_ms", 0.1},    {"wait_ms", 3.0},    {"receive_ms", 0.2}};
  out["client_address"] = "127.0.0.1:50000";
  out["tls"] = false;
  out["server_ip"] = "127.0.0.1";
  return out;
}

template <class T>
std::pair<T, std::string> read(const json& doc, T (*reader)(const JsonFields&)) {
  std::string problem;
  T value = reader(JsonFields(doc, "", problem));
  return {std::move(value), problem};
}

}  // namespace

TEST_CASE("an exchange reads with headers, a text body and a binary one", "[client][types]") {
  const auto [exchange, problem] = read(exchange_json(), read_exchange);
  REQUIRE(problem.empty());
  CHECK(exchange.summary.id == 11);
  CHECK(exchange.summary.session_id == 2);
  CHECK(exchange.summary.status == 201);
  CHECK(exchange.port == 8080);
  REQUIRE(exchange.request_headers.size() == 1);
  CHECK(exchange.request_headers[0].name == "Content-Type");
  CHECK(exchange.request_body.text);
  CHECK(exchange.request_body.bytes == R"({"a":1})");
  REQUIRE(exchange.response_body);
  CHECK_FALSE(exchange.response_body->text);
  CHECK(exchange.response_body->bytes == std::string("\x00\xff", 2));
  CHECK_FALSE(exchange.timings.dns_ms);
  CHECK(exchange.timings.wait_ms == 3.0);
}

TEST_CASE("no response: status and response body are none", "[client][types]") {
  json failed = exchange_json();
  failed["status"] = nullptr;
  failed["response_body"] = nullptr;
  failed["error"] = "connection refused";
  const auto [exchange, problem] = read(failed, read_exchange);
  REQUIRE(problem.empty());
  CHECK_FALSE(exchange.summary.status);
  CHECK_FALSE(exchange.response_body);
  CHECK(exchange.summary.error == "connection refused");
}

TEST_CASE("a page, an overview and the session's cookies read", "[client][types]") {
  const json page = {{"items", {summary_json()}}, {"total", 31}, {"page", 2}, {"per_page", 10}};
  const auto [read_page, page_problem] = read(page, read_exchange_page);
  CHECK(page_problem.empty());
  CHECK(read_page.items.size() == 1);
  CHECK_FALSE(read_page.items[0].session_id);
  CHECK(read_page.total == 31);

  const json counts = {{{"key", "GET"}, {"count", 3}}};
  const json overview = {{"total", 3},          {"by_method", counts},
                         {"by_domain", counts}, {"by_data_mode", counts},
                         {"by_status", counts}, {"by_status_class", counts}};
  const auto [read_view, view_problem] = read(overview, read_overview);
  CHECK(view_problem.empty());
  CHECK(read_view.by_method.at(0).count == 3);

  const json cookies = {{"cookies",
                         {{{"exchange_id", 11},
                           {"direction", "response"},
                           {"host", "127.0.0.1"},
                           {"header_value", "sid=1"},
                           {"seen_at", "2026-11-22T10:00:00.000Z"}}}}};
  const auto [read_cookies, cookie_problem] = read(cookies, read_session_cookies);
  CHECK(cookie_problem.empty());
  CHECK(read_cookies.at(0).header_value == "sid=1");
}

TEST_CASE("malformed exchanges are errors naming the field", "[client][types]") {
  json body = exchange_json();
  body["response_body"] = {{"base64", "***"}, {"size", 2}};
  CHECK(read(body, read_exchange).second.rfind("response_body.base64: not base64", 0) == 0);
  body = exchange_json();
  body["request_body"] = {{"size", 2}};
  CHECK(read(body, read_exchange).second == "request_body: expected \"text\" or \"base64\"");
  body = exchange_json();
  body["request_headers"][0]["value"] = 5;
  CHECK(read(body, read_exchange).second == "request_headers[0].value: expected a string");
  const json page = {{"items", {summary_json(), 7}}, {"total", 2}, {"page", 1}, {"per_page", 1}};
  CHECK(read(page, read_exchange_page).second == "items[1]: expected an object");
}
