#include "runtime/store/capture_policy.hpp"

#include <catch2/catch.hpp>

#include "store_fixtures.hpp"

using namespace postern::store;

TEST_CASE("URLs are split into scheme, host, port, path and query", "[capture_policy]") {
  auto columns = split_url("HTTPS://User:pw@API.Example.com:8443/a/b?x=1&y=2#frag");
  CHECK(columns.scheme == "https");
  CHECK(columns.host == "api.example.com");
  CHECK(columns.port == 8443);
  CHECK(columns.path == "/a/b");
  CHECK(columns.query == "x=1&y=2");

  columns = split_url("http://example.com");
  CHECK(columns.port == 80);
  CHECK(columns.path == "/");
  CHECK(columns.query.empty());

  columns = split_url("https://[2001:db8::1]/v1?");
  CHECK(columns.host == "2001:db8::1");
  CHECK(columns.port == 443);
  CHECK(columns.path == "/v1");

  columns = split_url("http://[::1]:8080?only=query");
  CHECK(columns.host == "::1");
  CHECK(columns.port == 8080);
  CHECK(columns.path == "/");
  CHECK(columns.query == "only=query");

  columns = split_url("/relative/path?a=b");
  CHECK(columns.scheme.empty());
  CHECK(columns.host.empty());
  CHECK(columns.path == "/relative/path");
  CHECK(columns.query == "a=b");

  columns = split_url("ws://host:99999/x");  // a port out of range is not a port
  CHECK(columns.host == "host");
  CHECK(columns.port == 0);
}

TEST_CASE("the data mode follows the request's Content-Type", "[capture_policy]") {
  const auto mode = [](const std::string& type, const std::string& body) {
    Headers headers;
    if (!type.empty()) headers.push_back({"content-TYPE", type});
    CapturedBody captured{body, body.size(), false, ""};
    return data_mode_of(headers, captured);
  };
  CHECK(mode("application/json", "") == "none");
  CHECK(mode("application/json; charset=utf-8", "{}") == "json");
  CHECK(mode("application/vnd.api+json", "{}") == "json");
  CHECK(mode("application/x-www-form-urlencoded", "a=b") == "urlencoded");
  CHECK(mode("multipart/form-data; boundary=x", "--x") == "formdata");
  CHECK(mode("text/plain", "hi") == "raw");
  CHECK(mode("application/xml", "<a/>") == "raw");
  CHECK(mode("application/octet-stream", "\x01\x02") == "binary");
  CHECK(mode("", "plain words\n") == "raw");
  CHECK(mode("", std::string("\0\x01", 2)) == "binary");
}

TEST_CASE("media types are image, audio and video", "[capture_policy]") {
  CHECK(is_media_type("image/png"));
  CHECK(is_media_type(" Video/MP4; codecs=avc1"));
  CHECK(is_media_type("audio/ogg"));
  CHECK_FALSE(is_media_type("application/json"));
  CHECK_FALSE(is_media_type(""));
}

TEST_CASE("bodies are capped with their original size kept", "[capture_policy]") {
  auto exchange = testing::make_exchange(1, 1);
  exchange.request_body.bytes = std::string(5000, 'a');
  exchange.response_body.bytes = std::string(100, 'b');
  prepare_for_storage(exchange, CaptureLimits{1000, true});
  CHECK(exchange.request_body.bytes.size() == 1000);
  CHECK(exchange.request_body.original_size == 5000);
  CHECK(exchange.request_body.truncated);
  CHECK(exchange.response_body.bytes.size() == 100);
  CHECK_FALSE(exchange.response_body.truncated);
  CHECK(exchange.data_mode == "raw");  // no Content-Type, text bytes

  // A source that capped the body itself reports the full size: that is truncated too.
  auto capped = testing::make_exchange(1, 2);
  capped.response_body = CapturedBody{"abc", 10, false, ""};
  prepare_for_storage(capped, CaptureLimits{});
  CHECK(capped.response_body.truncated);
  CHECK(capped.response_body.original_size == 10);
}

TEST_CASE("media response bodies are left out, their size kept", "[capture_policy]") {
  auto exchange = testing::make_exchange(1, 1);
  exchange.response_headers = {{"Content-Type", "image/png"}};
  exchange.response_body.bytes = std::string(2048, '\x89');
  prepare_for_storage(exchange, CaptureLimits{});
  CHECK(exchange.response_body.bytes.empty());
  CHECK(exchange.response_body.omitted_reason == "media");
  CHECK(exchange.response_body.original_size == 2048);
  CHECK_FALSE(exchange.response_body.truncated);

  auto kept = testing::make_exchange(1, 2);
  kept.response_headers = {{"Content-Type", "image/png"}};
  kept.response_body.bytes = "png";
  prepare_for_storage(kept, CaptureLimits{1024, false});
  CHECK(kept.response_body.bytes == "png");
}

TEST_CASE("URL columns, data mode and wire sizes are filled in", "[capture_policy]") {
  auto exchange = testing::make_exchange(1, 3);
  prepare_for_storage(exchange, CaptureLimits{});
  CHECK(exchange.scheme == "https");
  CHECK(exchange.host == "api.example.com");
  CHECK(exchange.port == 443);
  CHECK(exchange.path == "/item/3");
  CHECK(exchange.query == "q=3");
  CHECK(exchange.data_mode == "none");
  // "GET <url> HTTP/1.1\r\n" + "Host: api.example.com\r\n" + "Accept: application/json\r\n"
  // + "\r\n"
  const auto request_line = 3 + 1 + exchange.url.size() + 1 + 8 + 2;
  CHECK(exchange.request_size == request_line + (4 + 2 + 15 + 2) + (6 + 2 + 16 + 2) + 2);
  // "HTTP/1.1 200 OK\r\n" + "Content-Type: application/json\r\n" + "\r\n" + body
  CHECK(exchange.response_size == 17 + (12 + 2 + 16 + 2) + 2 + exchange.response_body.bytes.size());

  auto failed = testing::make_exchange(1, 4);
  failed.status.reset();
  failed.error = "connection refused";
  prepare_for_storage(failed, CaptureLimits{});
  CHECK(failed.response_size == 0);

  auto given = testing::make_exchange(1, 5);
  given.host = "given.example";
  given.data_mode = "graphql";
  prepare_for_storage(given, CaptureLimits{});
  CHECK(given.host == "given.example");  // columns the source filled are kept
  CHECK(given.data_mode == "graphql");
}

TEST_CASE("find_header ignores case and returns the first", "[capture_policy]") {
  const Headers headers{{"X-A", "1"}, {"x-a", "2"}};
  CHECK(find_header(headers, "x-A") == "1");
  CHECK_FALSE(find_header(headers, "x-b"));
}

TEST_CASE("media_type_of keeps the lower-case type and drops parameters and blanks", "[store]") {
  CHECK(postern::store::media_type_of("Text/HTML; charset=utf-8") == "text/html");
  CHECK(postern::store::media_type_of(" \timage/PNG \t") == "image/png");
  CHECK(postern::store::media_type_of("") == "");
  CHECK(postern::store::media_type_of(" ;x=1") == "");
}
