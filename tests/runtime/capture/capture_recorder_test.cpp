#include "runtime/capture/capture_recorder.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "capture_fixtures.hpp"
#include "runtime/store/body_spool.hpp"

using namespace postern::capture;
using namespace postern::capture::testing;
using postern::store::Exchange;

namespace {

// A recorder whose sink keeps what it is given; large bodies spool into a folder of its own.
struct Recording {
  postern::testing::TempDir spool;
  Request request;
  std::vector<Exchange> stored;
  CaptureRecorder recorder;

  explicit Recording(const CaptureOptions& options = {}, Request r = {})
      : request(std::move(r)),
        recorder(request.start(), settings_of(options, spool.path()), [this](Exchange e) {
          stored.push_back(std::move(e));
          return true;
        }) {}
};

// Every byte kept of `body`: the spool file's, or those in memory.
std::string kept_bytes(const postern::store::CapturedBody& body) {
  if (!body.spooled) return body.bytes;
  std::string kept(static_cast<std::size_t>(body.spooled->size()), '\0');
  REQUIRE(body.spooled->read_at(0, kept.data(), kept.size()).value() == kept.size());
  return kept;
}

}  // namespace

TEST_CASE("a plain exchange is handed over with its head, bodies, timing and addresses",
          "[capture_recorder]") {
  Request request("POST", "https://api.example.com/items?id=1");
  request.headers.add("Content-Type", "application/json");
  Recording r({}, request);
  r.recorder.request_body("{\"a\":");
  r.recorder.request_body("1}");
  Response response("application/json", 201);
  response.headers.add("X-Trace", "abc");
  CHECK(r.recorder.response_head(response.head()));
  r.recorder.response_body("{\"ok\":true}");
  r.recorder.finished(ended(7, 11));
  REQUIRE(r.stored.size() == 1);
  const auto& e = r.stored.front();
  CHECK(e.session_id == 7);
  CHECK(e.method == "POST");
  CHECK(e.url == "https://api.example.com/items?id=1");
  CHECK(e.scheme == "https");
  CHECK(e.host == "api.example.com");
  CHECK(e.port == 443);
  CHECK(e.path == "/items");
  CHECK(e.query == "id=1");
  CHECK(e.request_headers.size() == 2);
  CHECK(e.request_headers[1].name == "Content-Type");
  CHECK(e.request_body.bytes == "{\"a\":1}");
  CHECK(e.request_body.original_size == 7);
  CHECK_FALSE(e.request_body.truncated);
  CHECK(e.status == 201);
  CHECK(e.reason == "OK");
  CHECK(e.response_headers.size() == 2);
  CHECK(e.response_body.bytes == "{\"ok\":true}");
  CHECK(e.timings.wait_ms == 12.5);
  CHECK_FALSE(e.timings.connect_ms);
  CHECK(e.server_ip == "192.0.2.7");
  CHECK(e.client_address == "127.0.0.1:50000");
  CHECK(e.tls);
  CHECK(e.data_mode == "json");
  CHECK(e.request_size > 7);
  CHECK(e.response_size > 11);
  CHECK(e.ended_at >= e.started_at);
  CHECK_FALSE(e.keep_cookie_lines);  // capture_cookies is off by default
}

TEST_CASE("a 3 MiB body in 1000-byte pieces keeps exactly body_limit bytes", "[capture_recorder]") {
  const CaptureOptions options;  // body_limit 1 MiB
  Recording r(options);
  std::string expected;
  const int pieces = 3 * 1024 * 1024 / 1000 + 1;  // 3,146,000 bytes
  for (int i = 0; i < pieces; ++i) {
    const std::string piece(1000, static_cast<char>('a' + i % 26));
    if (expected.size() < options.body_limit) expected += piece;
    r.recorder.request_body(piece);
  }
  expected.resize(options.body_limit);
  REQUIRE(r.recorder.response_head(Response("application/octet-stream").head()));
  for (int i = 0; i < pieces; ++i)
    r.recorder.response_body(std::string(1000, 'z'));
  r.recorder.finished(ended());
  REQUIRE(r.stored.size() == 1);
  const auto& body = r.stored.front().request_body;
  CHECK(kept_bytes(body) == expected);
  CHECK(body.truncated);
  CHECK(body.original_size == 3146000);
  const auto& response = r.stored.front().response_body;
  CHECK(kept_bytes(response) == std::string(options.body_limit, 'z'));
  CHECK(response.truncated);
  // In memory: a 64 KiB head of each body; all of it waits in the spool folder.
  CHECK(body.bytes.size() == postern::store::kBodyBytesInMemory);
  CHECK(body.bytes.capacity() < 2 * postern::store::kBodyBytesInMemory);
  CHECK(response.bytes.size() == postern::store::kBodyBytesInMemory);
}

TEST_CASE("a body of exactly body_limit bytes is not truncated", "[capture_recorder]") {
  CaptureOptions options;
  options.body_limit = 1024;
  Recording r(options);
  r.recorder.request_body(std::string(1000, 'x'));
  r.recorder.request_body(std::string(24, 'y'));
  r.recorder.finished(ended(1024));
  REQUIRE(r.stored.size() == 1);
  CHECK(r.stored.front().request_body.bytes.size() == 1024);
  CHECK_FALSE(r.stored.front().request_body.truncated);
  CHECK_FALSE(r.stored.front().status);  // no response came
}

TEST_CASE("a media response keeps its head and size but no body", "[capture_recorder]") {
  for (const std::string type : {"image/png", "audio/ogg", "video/mp4; codecs=avc1"}) {
    INFO(type);
    Recording r;
    CHECK_FALSE(r.recorder.response_head(Response(type).head()));
    r.recorder.finished(ended(0, 50000));
    REQUIRE(r.stored.size() == 1);
    const auto& e = r.stored.front();
    CHECK(e.status == 200);
    CHECK(e.response_headers.size() == 1);
    CHECK(e.response_body.bytes.empty());
    CHECK(e.response_body.omitted_reason == "media");
    CHECK(e.response_body.original_size == 50000);
    CHECK_FALSE(e.response_body.truncated);
    CHECK(e.timings.wait_ms == 12.5);
  }
}

TEST_CASE("save_responses off keeps status and headers but no response body",
          "[capture_recorder]") {
  CaptureOptions options;
  options.save_responses = false;
  Recording r(options);
  r.recorder.request_body("q=1");
  CHECK_FALSE(r.recorder.response_head(Response("application/json").head()));
  r.recorder.finished(ended(3, 900));
  REQUIRE(r.stored.size() == 1);
  const auto& e = r.stored.front();
  CHECK(e.request_body.bytes == "q=1");
  CHECK(e.status == 200);
  CHECK(e.response_body.bytes.empty());
  CHECK(e.response_body.omitted_reason == "not_saved");
  CHECK(e.response_body.original_size == 900);
}

TEST_CASE("exclude_static drops the whole exchange at the response head", "[capture_recorder]") {
  CaptureOptions options;
  options.exclude_static = true;
  for (const std::string type : {"image/gif", "text/css", "application/javascript"}) {
    Recording r(options);
    CHECK_FALSE(r.recorder.response_head(Response(type).head()));
    CHECK(r.recorder.excluded());
    r.recorder.finished(ended());
    CHECK(r.stored.empty());
  }
  Recording kept(options);
  CHECK(kept.recorder.response_head(Response("application/json").head()));
  kept.recorder.finished(ended());
  CHECK(kept.stored.size() == 1);
}

TEST_CASE("capture_cookies decides whether the store keeps cookie lines", "[capture_recorder]") {
  Request request;
  request.headers.add("Cookie", "sid=1");
  CaptureOptions options;
  options.capture_cookies = true;
  Recording on(options, request);
  on.recorder.finished(ended());
  Recording off({}, request);
  off.recorder.finished(ended());
  REQUIRE(on.stored.size() == 1);
  REQUIRE(off.stored.size() == 1);
  CHECK(on.stored.front().keep_cookie_lines);
  CHECK_FALSE(off.stored.front().keep_cookie_lines);
  CHECK(off.stored.front().request_headers.back().value == "sid=1");  // the header stays
}

TEST_CASE("a failed exchange is stored with its error, once", "[capture_recorder]") {
  Recording r;
  auto end = ended();
  end.error = "upstream connect timed out";
  end.server_address.clear();
  r.recorder.finished(end);
  r.recorder.finished(end);
  REQUIRE(r.stored.size() == 1);
  CHECK(r.stored.front().error == "upstream connect timed out");
  CHECK(r.stored.front().server_ip.empty());
  CHECK_FALSE(r.stored.front().status);
}

TEST_CASE("host_of_address removes the port", "[capture_recorder]") {
  CHECK(host_of_address("93.184.216.34:443") == "93.184.216.34");
  CHECK(host_of_address("[2001:db8::1]:8443") == "2001:db8::1");
  CHECK(host_of_address("2001:db8::1") == "2001:db8::1");
  CHECK(host_of_address("example.com") == "example.com");
  CHECK(host_of_address("") == "");
  CHECK(host_of_address("[broken") == "[broken");
}
