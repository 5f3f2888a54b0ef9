#pragma once
// Shared by the export tests and tests/e2e/export_fixture.cpp: a session and exchanges that look
// like a capture of a small API at `origin` ("http://127.0.0.1:8080"), each filled in as the
// store fills it (store::prepare_for_storage: URL columns, data mode, wire sizes).

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/store/capture_policy.hpp"
#include "runtime/store/records.hpp"

namespace postern::exports::testing {

/// The origin the export tests capture from.
inline const std::string kOrigin = "http://127.0.0.1:8080";

/// A timestamp `millis` after 2024-01-01T00:00:00Z.
inline store::Timestamp at(std::int64_t millis) {
  return store::Timestamp(std::chrono::milliseconds(1704067200000LL + millis));
}

/// Session 3, "shop API", started at at(0).
inline store::Session sample_session() {
  store::Session session;
  session.id = 3;
  session.name = "shop API";
  session.started_at = at(0);
  session.state = store::SessionState::stopped;
  return session;
}

/// An exchange of `method` to `origin` + `target`, started at at(n * 100), lasting 20 ms.
inline store::Exchange exchange_at(int n, const std::string& method, const std::string& origin,
                                   const std::string& target) {
  store::Exchange e;
  e.session_id = 3;
  e.started_at = at(n * 100);
  e.ended_at = at(n * 100 + 20);
  e.method = method;
  e.url = origin + target;
  e.http_version = "HTTP/1.1";
  e.request_headers = {{"Host", origin.substr(origin.find("://") + 3)},
                       {"User-Agent", "shop-app/1.0"}};
  e.status = 200;
  e.reason = "OK";
  e.client_address = "127.0.0.1:50000";
  e.server_ip = "127.0.0.1";
  return e;
}

/// Fills the fields the store derives, as it would before storing.
inline store::Exchange prepared(store::Exchange e) {
  store::prepare_for_storage(e, store::CaptureLimits{});
  return e;
}

/// A GET with a query and cookies, answered with JSON that sets a cookie.
inline store::Exchange get_with_query(const std::string& origin) {
  auto e = exchange_at(0, "GET", origin, "/items?q=a%20b&page=2");
  e.request_headers.push_back({"Accept", "application/json"});
  e.request_headers.push_back({"Cookie", "sid=abc; theme=dark"});
  e.response_headers = {{"Content-Type", "application/json"},
                        {"Set-Cookie", "sid=new; Path=/; Max-Age=3600; HttpOnly"}};
  e.response_body.bytes = R"({"items":[{"id":1,"name":"pen"}]})";
  e.timings = {1.0, 2.0, 3.0, 1.0, 10.0, 2.0};
  return prepared(e);
}

/// A POST with a JSON body, answered 201.
inline store::Exchange post_json(const std::string& origin) {
  auto e = exchange_at(1, "POST", origin, "/items");
  e.request_headers.push_back({"Content-Type", "application/json"});
  e.request_headers.push_back({"Content-Length", "15"});
  e.request_headers.push_back({"Connection", "keep-alive, X-Hop"});
  e.request_headers.push_back({"X-Hop", "only for the next hop"});
  e.request_body.bytes = R"({"name":"cup"})";
  e.status = 201;
  e.reason = "Created";
  e.response_headers = {{"Content-Type", "application/json"}, {"Location", "/items/2"}};
  e.response_body.bytes = R"({"id":2,"name":"cup"})";
  return prepared(e);
}

/// A POST of a urlencoded form, answered with a redirect.
inline store::Exchange post_form(const std::string& origin) {
  auto e = exchange_at(2, "POST", origin, "/login");
  e.request_headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
  e.request_body.bytes = "user=ada&lang=en";
  e.status = 302;
  e.reason = "Found";
  e.response_headers = {{"Location", origin + "/home"}, {"Content-Length", "0"}};
  return prepared(e);
}

/// A GET answered with bytes that are not UTF-8.
inline store::Exchange get_binary(const std::string& origin) {
  auto e = exchange_at(3, "GET", origin, "/download");
  e.response_headers = {{"Content-Type", "application/octet-stream"}};
  e.response_body.bytes = std::string("\x89PNG\r\n\x1a\n\0\xff\xfe", 11);
  return prepared(e);
}

/// A GET that failed before any response.
inline store::Exchange failed_get(const std::string& origin) {
  auto e = exchange_at(4, "GET", origin, "/items/9");
  e.status.reset();
  e.reason.clear();
  e.error = "upstream refused the connection";
  return prepared(e);
}

/// A multipart upload: a text field and a file.
inline store::Exchange post_multipart(const std::string& origin) {
  auto e = exchange_at(5, "POST", origin, "/upload");
  e.request_headers.push_back({"Content-Type", "multipart/form-data; boundary=XyZ"});
  e.request_body.bytes =
      "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nholiday\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a;b.png\"\r\n"
      "Content-Type: image/png\r\n\r\n\x89PNG\r\n--XyZ--\r\n";
  e.response_headers = {{"Content-Type", "text/plain"}};
  e.response_body.bytes = "stored";
  return prepared(e);
}

/// The five exchanges the end-to-end test replays: GET with query, POST JSON, POST form,
/// binary response, failed GET.
inline std::vector<store::Exchange> sample_exchanges(const std::string& origin) {
  return {get_with_query(origin), post_json(origin), post_form(origin), get_binary(origin),
          failed_get(origin)};
}

}  // namespace postern::exports::testing
