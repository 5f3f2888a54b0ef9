// GET /v1/events through a real ApiServer on 127.0.0.1, read by a raw socket client: the head,
// the chunked framing, each event as `event:`/`data:` lines, several listeners, keep-alive
// comments, a slow client's `dropped` event, and the stream's end when either side goes.
#include "runtime/control/event_routes.hpp"

#include <catch2/catch.hpp>
#include <thread>

#include "api_client.hpp"

using namespace postern::control;
using namespace postern::testing;

namespace {

// The body of a chunked message as far as whole chunks have arrived.
std::string dechunk(std::string_view body) {
  std::string out;
  while (true) {
    const auto line_end = body.find("\r\n");
    if (line_end == std::string_view::npos) return out;
    const auto size = std::stoul(std::string(body.substr(0, line_end)), nullptr, 16);
    if (body.size() < line_end + 2 + size + 2) return out;
    out.append(body.substr(line_end + 2, size));
    body.remove_prefix(line_end + 2 + size + 2);
  }
}

struct SseEvent {
  std::string name;  // empty for a comment
  std::string data;  // the comment's text for a comment
};

// The complete events (blocks ending in a blank line) of a stream's text.
std::vector<SseEvent> parse_events(std::string_view text) {
  std::vector<SseEvent> events;
  std::size_t end;
  while ((end = text.find("\n\n")) != std::string_view::npos) {
    SseEvent event;
    auto block = text.substr(0, end);
    text.remove_prefix(end + 2);
    while (!block.empty()) {
      const auto line = block.substr(0, block.find('\n'));
      block.remove_prefix(std::min(block.size(), line.size() + 1));
      if (line.starts_with("event: ")) event.name = line.substr(7);
      if (line.starts_with("data: ")) event.data = line.substr(6);
      if (line.starts_with(": ")) event.data = line.substr(2);
    }
    events.push_back(event);
  }
  return events;
}

// A listener on GET /v1/events.
class EventStream {
 public:
  explicit EventStream(RunningApi& api, const std::string& version = "HTTP/1.1")
      : http_(api.port()) {
    auto request = api.request("GET", "/v1/events");
    request.replace(request.find("HTTP/1.1"), 8, version);
    http_.send(request);
    http_.read_until(received_, [](const std::string& r) { return r.find("\r\n\r\n") != r.npos; });
    head_ = received_.substr(0, received_.find("\r\n\r\n") + 4);
    received_.erase(0, head_.size());
  }
  const std::string& head() const { return head_; }
  bool chunked() const { return head_.find("Transfer-Encoding: chunked") != std::string::npos; }
  std::string text() const { return chunked() ? dechunk(received_) : received_; }
  const std::string& raw() const { return received_; }
  /// Reads until `count` events (comments included) have come; all of them so far.
  std::vector<SseEvent> read(std::size_t count, int timeout_ms = 3000) {
    http_.read_until(
        received_, [&](const std::string&) { return parse_events(text()).size() >= count; },
        timeout_ms);
    return parse_events(text());
  }
  /// Reads until the server closes; true when it did.
  bool read_to_close() {
    http_.read_until(received_, [](const std::string&) { return false; });
    return http_.closed();
  }

 private:
  RawHttp http_;
  std::string received_;
  std::string head_;
};

ApiRouter events_router(EventHub& hub) {
  ApiRouter router;
  add_event_routes(router, hub);
  return router;
}

// Polls `condition` for up to 3 s: the server notices hang-ups on its own thread.
template <class Condition>
bool eventually(Condition condition) {
  for (int i = 0; i < 300 && !condition(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return condition();
}

}  // namespace

TEST_CASE("a listener gets the events published after it subscribed, framed as SSE",
          "[control][events][server]") {
  EventHub hub;
  RunningApi api(events_router(hub));
  EventStream stream(api);
  const auto& head = stream.head();
  CHECK(head.find("HTTP/1.1 200") == 0);
  CHECK(head.find("Content-Type: text/event-stream") != std::string::npos);
  CHECK(head.find("Cache-Control: no-store") != std::string::npos);
  CHECK(head.find("Content-Length") == std::string::npos);
  CHECK(stream.chunked());
  REQUIRE(hub.subscribers() == 1);

  hub.publish("exchange", {{"id", 1}, {"session_id", 4}, {"method", "GET"}});
  hub.publish("session", {{"id", 4}, {"state", "running"}});
  auto events = stream.read(2);
  INFO(stream.raw());
  REQUIRE(events.size() == 2);
  CHECK(events[0].name == "exchange");
  CHECK(nlohmann::json::parse(events[0].data)["session_id"] == 4);
  CHECK(events[1].name == "session");
  CHECK(nlohmann::json::parse(events[1].data)["state"] == "running");
}

TEST_CASE("two listeners each get every event", "[control][events][server]") {
  EventHub hub;
  RunningApi api(events_router(hub));
  EventStream first(api);
  EventStream second(api);
  REQUIRE(hub.subscribers() == 2);
  for (int i = 0; i < 3; ++i)
    hub.publish("exchange", {{"id", i}});
  for (auto* stream : {&first, &second}) {
    auto events = stream->read(3);
    REQUIRE(events.size() == 3);
    CHECK(nlohmann::json::parse(events[2].data)["id"] == 2);
  }
}

TEST_CASE("stopping the server ends open streams", "[control][events][server]") {
  EventHub hub;
  RunningApi api(events_router(hub));
  EventStream stream(api);
  REQUIRE(hub.subscribers() == 1);
  api.server().stop();
  CHECK(stream.read_to_close());
  CHECK(eventually([&] { return hub.subscribers() == 0; }));
}

TEST_CASE("a listener that hangs up is unsubscribed at once", "[control][events][server]") {
  EventHub hub;
  RunningApi api(events_router(hub));
  {
    EventStream stream(api);
    REQUIRE(hub.subscribers() == 1);
  }  // closes the socket; no event needs to be written for the server to notice
  CHECK(eventually([&] { return hub.subscribers() == 0; }));
}

TEST_CASE("a quiet stream gets keep-alive comments", "[control][events][server]") {
  EventHub hub;
  RunningApi api(events_router(hub), std::chrono::milliseconds(50));
  EventStream stream(api);
  auto events = stream.read(2);
  REQUIRE(events.size() >= 2);
  CHECK(events[0].name.empty());
  CHECK(events[0].data == "keep-alive");
  hub.publish("exchange", {{"id", 9}});
  events = stream.read(events.size() + 1);
  CHECK(std::any_of(events.begin(), events.end(),
                    [](const SseEvent& event) { return event.name == "exchange"; }));
}

TEST_CASE("a client too slow to read loses the oldest events and is told how many",
          "[control][events][server]") {
  EventHub hub(8);
  RunningApi api(events_router(hub));
  EventStream stream(api);
  // 400 events of 64 KiB (25 MiB) while the client reads nothing: the socket buffers fill, the
  // session's write waits, and the 8-event queue overflows.
  const std::string filler(64 * 1024, 'x');
  constexpr int kPublished = 400;
  for (int i = 0; i < kPublished; ++i)
    hub.publish("exchange", {{"id", i}, {"filler", filler}});
  auto events = stream.read(1, 200);
  for (int rounds = 0; rounds < 200; ++rounds) {
    if (!events.empty() && events.back().name == "exchange" &&
        nlohmann::json::parse(events.back().data)["id"] == kPublished - 1)
      break;
    events = stream.read(events.size() + 1);
  }
  std::size_t delivered = 0;
  std::uint64_t dropped = 0;
  for (const auto& event : events) {
    if (event.name == "exchange") ++delivered;
    if (event.name == "dropped") dropped += nlohmann::json::parse(event.data)["count"].get<int>();
  }
  CHECK(dropped > 0);
  CHECK(delivered + dropped == kPublished);  // every event is either delivered or counted
  CHECK(nlohmann::json::parse(events.back().data)["id"] == kPublished - 1);  // newest kept
}

TEST_CASE("an HTTP/1.0 listener gets a stream that ends with the close",
          "[control][events][server]") {
  EventHub hub;
  RunningApi api(events_router(hub));
  EventStream stream(api, "HTTP/1.0");
  CHECK_FALSE(stream.chunked());
  hub.publish("session", {{"id", 1}});
  auto events = stream.read(1);
  REQUIRE(events.size() == 1);
  CHECK(events[0].name == "session");
}

TEST_CASE("the API guard applies to the event stream", "[control][events][server]") {
  EventHub hub;
  RunningApi api(events_router(hub));
  std::string no_token =
      "GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(api.port()) + "\r\n\r\n";
  CHECK(RawHttp(api.port()).exchange(no_token).find("HTTP/1.1 401") == 0);
  auto from_page = api.request("GET", "/v1/events");
  from_page.insert(from_page.find("\r\n") + 2, "Origin: https://evil.test\r\n");
  CHECK(RawHttp(api.port()).exchange(from_page).find("HTTP/1.1 403") == 0);
  CHECK(hub.subscribers() == 0);
}
