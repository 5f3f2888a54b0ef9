#include "runtime/capture/records_json.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace postern::capture;
using namespace std::string_literals;
using json = nlohmann::json;
namespace store = postern::store;

namespace {

store::Timestamp at(std::int64_t millis) {
  return store::Timestamp(std::chrono::milliseconds(millis));
}

}  // namespace

TEST_CASE("timestamps are UTC ISO 8601 with milliseconds", "[records_json]") {
  CHECK(iso8601(at(0)) == "1970-01-01T00:00:00.000Z");
  CHECK(iso8601(at(1795341600123)) == "2026-11-22T10:00:00.123Z");
  CHECK(iso8601(at(951782400000 - 1)) == "2000-02-28T23:59:59.999Z");
  CHECK(iso8601(at(951782400000)) == "2000-02-29T00:00:00.000Z");  // 2000 is a leap year
  CHECK(iso8601(at(951782400000 + 86400000)) == "2000-03-01T00:00:00.000Z");
  CHECK(iso8601(at(-1)) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("wire text becomes valid UTF-8, each broken byte one U+FFFD", "[records_json]") {
  CHECK(valid_utf8("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(valid_utf8("a\xff"
                   "b") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(valid_utf8("\xc3") == "\xEF\xBF\xBD");
  CHECK(valid_utf8("x\0y"s) == "x\0y"s);
  CHECK(valid_utf8("") == "");
  CHECK_NOTHROW(json(valid_utf8("\xfe\xff")).dump());
}

TEST_CASE("bodies are text when UTF-8 and base64 otherwise, with size and flags",
          "[records_json]") {
  store::CapturedBody text{"{\"a\":1}", 7, false, ""};
  CHECK(to_json(text) ==
        json::parse(R"({"text":"{\"a\":1}","size":7,"truncated":false,"omitted_reason":null})"));
  store::CapturedBody binary{"\x89PNG\xff"s, 5000, true, ""};
  const auto b = to_json(binary);
  CHECK(b["base64"] == "iVBOR/8=");
  CHECK_FALSE(b.contains("text"));
  CHECK(b["size"] == 5000);
  CHECK(b["truncated"] == true);
  store::CapturedBody omitted{"", 123, false, "media"};
  CHECK(to_json(omitted)["omitted_reason"] == "media");
  CHECK(to_json(omitted)["text"] == "");
}

TEST_CASE("a session has the API's fields; live options replace the stored ones",
          "[records_json]") {
  store::Session s;
  s.id = 4;
  s.name = "Morning";
  s.state = store::SessionState::paused;
  s.options_json = R"({"url_contains":"api"})";
  s.started_at = at(1795341600123);
  s.duration = std::chrono::milliseconds(1500);
  s.exchange_count = 3;
  s.total_bytes = 900;
  s.dropped_count = 1;
  auto j = to_json(s);
  CHECK(j == json::parse(R"({"id":4,"name":"Morning","source":"proxy","state":"paused",
      "options":{"url_contains":"api"},"started_at":"2026-11-22T10:00:00.123Z",
      "stopped_at":null,"duration_ms":1500,"exchange_count":3,"total_bytes":900,
      "dropped_count":1})"));
  CaptureOptions live;
  live.methods = {"GET"};
  CHECK(to_json(s, live)["options"] == to_json(live));
  s.options_json = "not json";
  CHECK(to_json(s)["options"] == json::object());
  s.stopped_at = at(1000);
  CHECK(to_json(s)["stopped_at"] == "1970-01-01T00:00:01.000Z");
}

TEST_CASE("summaries, pages, exchanges, overviews and cookies", "[records_json]") {
  store::Exchange e;
  e.id = 9;
  e.session_id = 2;
  e.started_at = at(1000);
  e.ended_at = at(1250);
  e.method = "GET";
  e.url = "https://h/\xff";
  e.host = "h";
  e.scheme = "https";
  e.port = 443;
  e.path = "/\xff";
  e.request_headers = {{"Accept", "*/*"}};
  e.data_mode = "none";
  e.timings.wait_ms = 3.5;
  const auto summary = to_json(summary_of(e));
  CHECK(summary["status"].is_null());
  CHECK(summary["url"] == "https://h/\xEF\xBF\xBD");
  CHECK(summary["ended_at"] == "1970-01-01T00:00:01.250Z");
  CHECK(summary.size() == 11);

  const auto full = to_json(e);
  CHECK(full["id"] == 9);
  CHECK(full["session_id"] == 2);
  CHECK(full["request_headers"] == json::parse(R"([{"name":"Accept","value":"*/*"}])"));
  CHECK(full["response_body"].is_null());  // no response came
  CHECK(full["timings"]["wait_ms"] == 3.5);
  CHECK(full["timings"]["dns_ms"].is_null());
  e.status = 404;
  CHECK(to_json(e)["response_body"]["text"] == "");
  CHECK(to_json(e)["status"] == 404);

  store::ExchangePage page{{summary_of(e)}, 31, 2, 10};
  const auto p = to_json(page);
  CHECK(p["total"] == 31);
  CHECK(p["page"] == 2);
  CHECK(p["per_page"] == 10);
  CHECK(p["items"].size() == 1);

  store::Overview overview;
  overview.total = 2;
  overview.by_method = {{"GET", 2}};
  overview.by_status_class = {{"none", 2}};
  CHECK(to_json(overview) == json::parse(R"({"total":2,"by_method":[{"key":"GET","count":2}],
      "by_domain":[],"by_data_mode":[],"by_status":[],
      "by_status_class":[{"key":"none","count":2}]})"));

  store::CapturedCookie cookie{9, store::CookieDirection::response, "h", "sid=1; Path=/", at(5)};
  CHECK(to_json(cookie) == json::parse(R"({"exchange_id":9,"direction":"response","host":"h",
      "header_value":"sid=1; Path=/","seen_at":"1970-01-01T00:00:00.005Z"})"));
}
