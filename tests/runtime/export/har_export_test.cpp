#include "runtime/export/har_export.hpp"

#include <catch2/catch.hpp>

#include "export_fixtures.hpp"

using namespace postern;
using namespace postern::exports;
using namespace postern::exports::testing;
using nlohmann::json;

namespace {

json har_of(const std::vector<store::Exchange>& exchanges) {
  return har_document(sample_session(), exchanges);
}

json entry_of(const store::Exchange& exchange) {
  return har_of({exchange})["log"]["entries"][0];
}

}  // namespace

TEST_CASE("a HAR 1.2 log: creator, the session as its page, one entry per exchange",
          "[export][har]") {
  const auto har = har_of(sample_exchanges(kOrigin));
  const auto& log = har["log"];
  CHECK(log["version"] == "1.2");
  CHECK(log["creator"]["name"] == "Postern");
  CHECK_FALSE(log["creator"]["version"].get<std::string>().empty());
  REQUIRE(log["pages"].size() == 1);
  CHECK(log["pages"][0]["id"] == "session-3");
  CHECK(log["pages"][0]["title"] == "shop API");
  CHECK(log["pages"][0]["startedDateTime"] == "2024-01-01T00:00:00.000Z");
  REQUIRE(log["entries"].size() == 5);
  for (const auto& entry : log["entries"]) {
    CHECK(entry["pageref"] == "session-3");
    for (const char* field : {"startedDateTime", "time", "request", "response", "cache", "timings"})
      CHECK(entry.contains(field));
    for (const char* field : {"send", "wait", "receive"})
      CHECK(entry["timings"][field].get<double>() >= 0);
  }
  CHECK(log["entries"][1]["startedDateTime"] == "2024-01-01T00:00:00.100Z");
}

TEST_CASE("a request: query string decoded, cookies parsed, sizes from the wire", "[export][har]") {
  const auto exchange = get_with_query(kOrigin);
  const auto request = entry_of(exchange)["request"];
  CHECK(request["method"] == "GET");
  CHECK(request["url"] == kOrigin + "/items?q=a%20b&page=2");
  CHECK(request["httpVersion"] == "HTTP/1.1");
  CHECK(request["queryString"] ==
        json::parse(R"([{"name":"q","value":"a b"},{"name":"page","value":"2"}])"));
  CHECK(request["cookies"] ==
        json::parse(R"([{"name":"sid","value":"abc"},{"name":"theme","value":"dark"}])"));
  CHECK(request["headers"].size() == exchange.request_headers.size());
  CHECK(request["headers"][0] == json({{"name", "Host"}, {"value", "127.0.0.1:8080"}}));
  CHECK(request["headersSize"] == exchange.request_size);  // no body
  CHECK(request["bodySize"] == 0);
  CHECK_FALSE(request.contains("postData"));
}

TEST_CASE("a response: cookies as the browser read them, content, redirect", "[export][har]") {
  const auto response = entry_of(get_with_query(kOrigin))["response"];
  CHECK(response["status"] == 200);
  CHECK(response["statusText"] == "OK");
  REQUIRE(response["cookies"].size() == 1);
  const auto& cookie = response["cookies"][0];
  CHECK(cookie["name"] == "sid");
  CHECK(cookie["value"] == "new");
  CHECK(cookie["path"] == "/");
  CHECK(cookie["httpOnly"] == true);
  CHECK(cookie["secure"] == false);
  CHECK(cookie["expires"] == "2024-01-01T01:00:00.000Z");  // Max-Age from when it arrived
  CHECK(response["content"]["mimeType"] == "application/json");
  CHECK(response["content"]["text"] == R"({"items":[{"id":1,"name":"pen"}]})");
  CHECK(response["content"]["size"] == 33);
  CHECK_FALSE(response["content"].contains("encoding"));
  CHECK(response["redirectURL"] == "");
  CHECK(entry_of(post_form(kOrigin))["response"]["redirectURL"] == kOrigin + "/home");
}

TEST_CASE("post data: JSON as text, forms as params, multipart parts", "[export][har]") {
  const auto json_post = entry_of(post_json(kOrigin))["request"]["postData"];
  CHECK(json_post["mimeType"] == "application/json");
  CHECK(json_post["text"] == R"({"name":"cup"})");
  const auto form = entry_of(post_form(kOrigin))["request"]["postData"];
  CHECK(form["params"] ==
        json::parse(R"([{"name":"user","value":"ada"},{"name":"lang","value":"en"}])"));
  CHECK_FALSE(form.contains("text"));
  const auto upload = entry_of(post_multipart(kOrigin))["request"]["postData"];
  REQUIRE(upload["params"].size() == 2);
  CHECK(upload["params"][0] == json({{"name", "title"}, {"value", "holiday"}}));
  CHECK(upload["params"][1]["fileName"] == "a;b.png");
  CHECK(upload["params"][1]["contentType"] == "image/png");
  CHECK_FALSE(upload["params"][1].contains("value"));  // binary file content left out
}

TEST_CASE("a body that is not UTF-8 is base64; a cut one says so", "[export][har]") {
  const auto content = entry_of(get_binary(kOrigin))["response"]["content"];
  CHECK(content["encoding"] == "base64");
  CHECK(content["text"] == "iVBORw0KGgoA//4=");
  CHECK(content["size"] == 11);

  auto cut = post_json(kOrigin);
  cut.request_body.original_size = 5000;
  cut.request_body.truncated = true;
  CHECK(entry_of(cut)["request"]["postData"]["comment"] == "truncated: 14 of 5000 bytes kept");
  auto media = get_binary(kOrigin);
  media.response_body = {"", 9000, false, "media"};
  const auto omitted = entry_of(media)["response"]["content"];
  CHECK_FALSE(omitted.contains("text"));
  CHECK(omitted["comment"] == "not captured (media)");
  CHECK(omitted["size"] == 9000);
}

TEST_CASE("a failed exchange is a valid entry with status 0 and the error", "[export][har]") {
  const auto entry = entry_of(failed_get(kOrigin));
  const auto& response = entry["response"];
  CHECK(response["status"] == 0);
  CHECK(response["comment"] == "no response: upstream refused the connection");
  CHECK(response["bodySize"] == -1);
  CHECK(response["headersSize"] == -1);
  CHECK(response["content"]["mimeType"] == "x-unknown");
  CHECK(entry["time"] == 20);  // the whole exchange, as wait: no phase is known
  CHECK(entry["timings"]["wait"] == 20);
  CHECK(entry["timings"]["dns"] == -1);
}

TEST_CASE("timings: unknown phases -1, connect includes TLS, time is their sum", "[export][har]") {
  const auto entry = entry_of(get_with_query(kOrigin));
  const auto& timings = entry["timings"];
  CHECK(timings["blocked"] == -1);
  CHECK(timings["dns"] == 1);
  CHECK(timings["connect"] == 5);
  CHECK(timings["ssl"] == 3);
  CHECK(timings["send"] == 1);
  CHECK(timings["wait"] == 10);
  CHECK(timings["receive"] == 2);
  CHECK(entry["time"] == 19);
  CHECK(entry["serverIPAddress"] == "127.0.0.1");
}
