#include "runtime/proxy/exchange_tracker.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

using namespace postern::proxy;

namespace {

// What a recorder saw, kept by the hooks so it outlives the recorder the tracker owns. The
// views handed to hooks are valid only during a call, so everything is copied.
struct Seen {
  std::vector<std::string> calls;  // "started", "request_body:abc", "response_head:200", ...
  std::string method, url, scheme, host, version, client_address;
  std::uint16_t port = 0;
  bool tls = false;
  std::uint64_t request_head_bytes = 0;
  HeaderFields request_headers;
  std::chrono::system_clock::time_point started_at;
  std::string reason, response_version;
  HeaderFields response_headers;
  std::uint64_t response_head_bytes = 0;
  std::optional<ExchangeEnd> end;
  int finished = 0;
};

class FakeRecorder : public ExchangeRecorder {
 public:
  FakeRecorder(Seen& seen, bool want_body) : seen_(seen), want_body_(want_body) {}
  void request_body(std::string_view bytes) override {
    seen_.calls.push_back("request_body:" + std::string(bytes));
  }
  bool response_head(const ResponseStart& response) override {
    seen_.calls.push_back("response_head:" + std::to_string(response.status));
    seen_.reason = response.reason;
    seen_.response_version = response.http_version;
    seen_.response_headers = response.headers;
    seen_.response_head_bytes = response.head_bytes;
    return want_body_;
  }
  void response_body(std::string_view bytes) override {
    seen_.calls.push_back("response_body:" + std::string(bytes));
  }
  void finished(const ExchangeEnd& end) override {
    seen_.calls.push_back("finished:" + end.error);
    seen_.end = end;
    ++seen_.finished;
  }

 private:
  Seen& seen_;
  bool want_body_;
};

class FakeHooks : public ExchangeHooks {
 public:
  Seen seen;
  bool record = true;              // return a recorder at all
  bool want_response_body = true;  // what the recorder answers response_head

  std::unique_ptr<ExchangeRecorder> exchange_started(const ExchangeStart& start) override {
    seen.calls.push_back("started");
    seen.method = start.method;
    seen.url = start.url;
    seen.scheme = start.scheme;
    seen.host = start.host;
    seen.port = start.port;
    seen.version = start.http_version;
    seen.request_headers = start.headers;
    seen.client_address = start.client_address;
    seen.tls = start.tls;
    seen.request_head_bytes = start.head_bytes;
    seen.started_at = start.started_at;
    if (!record) return nullptr;
    return std::make_unique<FakeRecorder>(seen, want_response_body);
  }
};

RequestHead request_head() {
  RequestHead head;
  head.method = "POST";
  head.version = HttpVersion{1, 1};
  head.fields.add("Host", "api.test");
  head.fields.add("Transfer-Encoding", "chunked");
  head.raw = "POST /v1 HTTP/1.1\r\nHost: api.test\r\nTransfer-Encoding: chunked\r\n\r\n";
  return head;
}

ResponseHead response_head() {
  ResponseHead head;
  head.version = HttpVersion{1, 0};
  head.status = 201;
  head.reason = "Created";
  head.fields.add("Content-Length", "5");
  head.raw = "HTTP/1.0 201 Created\r\nContent-Length: 5\r\n\r\n";
  return head;
}

const ExchangeTarget kTarget{"https://api.test/v1", "https", "api.test", 443};
const auto kStartedAt = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

ExchangeTracker tracker_for(ExchangeHooks* hooks, const RequestHead& head = request_head()) {
  return ExchangeTracker(hooks, head, kTarget, "127.0.0.1:50123", true, kStartedAt);
}

// One whole exchange: a chunked request body in two pieces, a response body in two.
void run_exchange(ExchangeTracker& tracker) {
  tracker.connected("192.0.2.7:443", 12.5, 30.0);
  tracker.request_body("hello", 10);  // "5\r\nhello\r\n"
  tracker.request_body("", 5);        // "0\r\n\r\n": framing only
  tracker.request_sent();
  tracker.response_head(response_head());
  tracker.response_body("abc", 3);
  tracker.response_body("de", 2);
  tracker.finish();
}

}  // namespace

TEST_CASE("the tracker reports an exchange in order", "[proxy][tracker]") {
  FakeHooks hooks;
  {
    auto tracker = tracker_for(&hooks);
    CHECK(tracker.recording());
    run_exchange(tracker);
  }
  CHECK(hooks.seen.calls == std::vector<std::string>{"started", "request_body:hello",
                                                     "response_head:201", "response_body:abc",
                                                     "response_body:de", "finished:"});
  CHECK(hooks.seen.finished == 1);
}

TEST_CASE("the start carries the request as the relay saw it", "[proxy][tracker]") {
  FakeHooks hooks;
  const RequestHead head = request_head();
  auto tracker = tracker_for(&hooks, head);
  CHECK(hooks.seen.method == "POST");
  CHECK(hooks.seen.url == "https://api.test/v1");
  CHECK(hooks.seen.scheme == "https");
  CHECK(hooks.seen.host == "api.test");
  CHECK(hooks.seen.port == 443);
  CHECK(hooks.seen.version == "HTTP/1.1");
  CHECK(hooks.seen.request_headers == head.fields);
  CHECK(hooks.seen.client_address == "127.0.0.1:50123");
  CHECK(hooks.seen.tls);
  CHECK(hooks.seen.request_head_bytes == head.raw.size());
  CHECK(hooks.seen.started_at == kStartedAt);

  tracker.response_head(response_head());
  CHECK(hooks.seen.reason == "Created");
  CHECK(hooks.seen.response_version == "HTTP/1.0");
  CHECK(hooks.seen.response_headers == response_head().fields);
  CHECK(hooks.seen.response_head_bytes == response_head().raw.size());
}

TEST_CASE("byte counts: decoded body bytes and wire bytes with heads", "[proxy][tracker]") {
  FakeHooks hooks;
  {
    auto tracker = tracker_for(&hooks);
    run_exchange(tracker);
  }
  REQUIRE(hooks.seen.end);
  const ExchangeEnd& end = *hooks.seen.end;
  CHECK(end.error.empty());
  CHECK(end.request_body_bytes == 5);
  CHECK(end.request_wire_bytes == request_head().raw.size() + 15);
  CHECK(end.response_body_bytes == 5);
  CHECK(end.response_wire_bytes == response_head().raw.size() + 5);
  CHECK(end.server_address == "192.0.2.7:443");
  CHECK_FALSE(end.tunnel);
}

TEST_CASE("a recorder that declines the response body gets none", "[proxy][tracker]") {
  FakeHooks hooks;
  hooks.want_response_body = false;
  {
    auto tracker = tracker_for(&hooks);
    run_exchange(tracker);
  }
  CHECK(hooks.seen.calls == std::vector<std::string>{"started", "request_body:hello",
                                                     "response_head:201", "finished:"});
  REQUIRE(hooks.seen.end);
  CHECK(hooks.seen.end->response_body_bytes == 5);  // still relayed, still counted
}

TEST_CASE("finish reaches the recorder once", "[proxy][tracker]") {
  FakeHooks hooks;
  {
    auto tracker = tracker_for(&hooks);
    tracker.finish("upstream reset");
    tracker.finish();
    tracker.finish("again");
  }  // nor does the destructor call it again
  CHECK(hooks.seen.finished == 1);
  REQUIRE(hooks.seen.end);
  CHECK(hooks.seen.end->error == "upstream reset");
}

TEST_CASE("a tracker dropped unfinished ends the exchange with an error", "[proxy][tracker]") {
  FakeHooks hooks;
  const auto before = std::chrono::system_clock::now();
  {
    auto tracker = tracker_for(&hooks);
    tracker.request_body("partial", 7);
  }
  REQUIRE(hooks.seen.end);
  CHECK(hooks.seen.calls.back() == "finished:" + hooks.seen.end->error);
  CHECK(hooks.seen.finished == 1);
  CHECK_THAT(hooks.seen.end->error, Catch::Contains("closed"));
  CHECK(hooks.seen.end->ended_at >= before);
}

TEST_CASE("no hooks, or hooks that do not record, cost nothing and break nothing",
          "[proxy][tracker]") {
  {
    auto tracker = tracker_for(nullptr);
    CHECK_FALSE(tracker.recording());
    run_exchange(tracker);
    tracker.tunnel();
  }
  FakeHooks hooks;
  hooks.record = false;
  {
    auto tracker = tracker_for(&hooks);
    CHECK_FALSE(tracker.recording());
    run_exchange(tracker);
  }
  CHECK(hooks.seen.calls == std::vector<std::string>{"started"});
}

TEST_CASE("timings are set for the phases that happened", "[proxy][tracker]") {
  FakeHooks hooks;
  {
    auto tracker = tracker_for(&hooks);
    run_exchange(tracker);
  }
  REQUIRE(hooks.seen.end);
  const ExchangeTimings& timings = hooks.seen.end->timings;
  CHECK(timings.connect_ms == 12.5);
  CHECK(timings.tls_ms == 30.0);
  REQUIRE(timings.send_ms);
  CHECK(*timings.send_ms >= 0);
  REQUIRE(timings.wait_ms);
  CHECK(*timings.wait_ms >= 0);
  REQUIRE(timings.receive_ms);
  CHECK(*timings.receive_ms >= 0);
}

TEST_CASE("a reused connection has no connect time; phases not reached stay empty",
          "[proxy][tracker]") {
  FakeHooks hooks;
  {
    auto tracker = tracker_for(&hooks);
    tracker.reused("192.0.2.7:80");
    tracker.response_head(response_head());  // an early answer, before the request was sent
    tracker.tunnel();
    tracker.finish();
  }
  REQUIRE(hooks.seen.end);
  const ExchangeEnd& end = *hooks.seen.end;
  CHECK(end.server_address == "192.0.2.7:80");
  CHECK(end.tunnel);
  CHECK_FALSE(end.timings.connect_ms);
  CHECK_FALSE(end.timings.tls_ms);
  CHECK_FALSE(end.timings.send_ms);
  CHECK_FALSE(end.timings.wait_ms);
  CHECK(end.timings.receive_ms);

  FakeHooks failed;
  {
    auto tracker = tracker_for(&failed);
    tracker.finish("cannot connect");
  }
  REQUIRE(failed.seen.end);
  CHECK_FALSE(failed.seen.end->timings.send_ms);
  CHECK_FALSE(failed.seen.end->timings.receive_ms);
  CHECK(failed.seen.end->server_address.empty());
}
