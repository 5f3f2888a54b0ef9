// EventStream against the real postern-runtime (tests/runtime/daemon/runtime_process.hpp) in a
// temporary POSTERN_HOME: a capture session, a real request with curl through the real proxy to
// a loopback origin, the events it causes and the typed calls that find it; the stream coming
// back after the runtime restarts on another port and token; and prompt stops against servers
// that never answer. Loopback only.
#include "runtime/control/client/event_stream.hpp"

#include <catch2/catch.hpp>
#include <condition_variable>
#include <cstdlib>
#include <mutex>

#include "runtime/control/client/capture_api.hpp"
#include "runtime/control/client/control_client.hpp"
#include "runtime/daemon/runtime_process.hpp"
#include "support/file_text.hpp"
#include "support/loopback_http_server.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::control_client;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// What a stream delivered, for the test thread to wait on.
class Collector {
 public:
  EventHandler events() {
    return [this](const ControlEvent& event) { add([&] { events_.push_back(event); }); };
  }
  StatusHandler statuses() {
    return [this](const StreamStatus& status) { add([&] { statuses_.push_back(status); }); };
  }
  // Waits until `found` holds for what arrived; false after `timeout`.
  bool wait(const std::function<bool(const std::vector<ControlEvent>&,
                                     const std::vector<StreamStatus>&)>& found,
            std::chrono::milliseconds timeout = 10s) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return found(events_, statuses_); });
  }
  bool wait_status(StreamStatus::Kind kind, std::size_t count = 1) {
    return wait([&](const auto&, const auto& statuses) {
      return std::count_if(statuses.begin(), statuses.end(), [&](const StreamStatus& s) {
               return s.kind == kind;
             }) >= static_cast<long>(count);
    });
  }
  std::vector<StreamStatus> statuses_seen() {
    std::lock_guard lock(mutex_);
    return statuses_;
  }
  std::vector<ControlEvent> events_seen() {
    std::lock_guard lock(mutex_);
    return events_;
  }

 private:
  void add(const std::function<void()>& change) {
    {
      std::lock_guard lock(mutex_);
      change();
    }
    changed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<ControlEvent> events_;
  std::vector<StreamStatus> statuses_;
};

// One runtime serving `home`'s folders, with its proxy on a free port and no interception.
struct Runtime {
  explicit Runtime(const testing::TempDir& home)
      : run_dir(home / "run"),
        process({"--runtime-dir", run_dir.string(), "--config-dir", (home / "config").string(),
                 "--data-dir", (home / "data").string(), "--port", "0", "--no-intercept"},
                (home / "runtime.log").string(),
                {{"POSTERN_HOME", home.path().string()}, {"HOME", home.path().string()}}) {}
  ~Runtime() { stop(); }

  // A client once control.json is written and the API answers.
  std::optional<ControlClient> client() {
    const auto deadline = Clock::now() + 10s;
    while (Clock::now() < deadline) {
      if (auto opened = ControlClient::open(run_dir); opened) {
        if (opened.value().send({"GET", "/v1/status", ""})) return std::move(opened).value();
      }
      std::this_thread::sleep_for(10ms);
    }
    return std::nullopt;
  }
  void stop() {
    process.signal(SIGTERM);
    process.wait();
  }

  fs::path run_dir;
  testing::RuntimeProcess process;
};

EventStreamOptions options_at(const fs::path& run_dir) {
  EventStreamOptions options;
  options.runtime_dir = run_dir;
  return options;
}

const ExchangeEvent* exchange_in(const std::vector<ControlEvent>& events, std::int64_t session) {
  for (const auto& event : events)
    if (const auto* exchange = std::get_if<ExchangeEvent>(&event))
      if (exchange->exchange.session_id == session) return exchange;
  return nullptr;
}

bool has_session_state(const std::vector<ControlEvent>& events, std::int64_t id,
                       SessionState state) {
  return std::any_of(events.begin(), events.end(), [&](const ControlEvent& event) {
    const auto* changed = std::get_if<SessionEvent>(&event);
    return changed && changed->session.id == id && changed->session.state == state;
  });
}

// curl through the proxy to `url`; curl's exit status. --noproxy '' so that a NO_PROXY in the
// environment cannot send it around the proxy.
int curl_through(const std::string& proxy, const std::string& url, const fs::path& out) {
  const std::string command = "curl -s --max-time 10 --noproxy '' -x http://" + proxy + " -o '" +
                              out.string() + "' -H 'X-Test: live' '" + url + "'";
  return std::system(command.c_str());
}

const std::string kOriginReply =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n"
    "Connection: close\r\n\r\n{\"ok\":true}";

}  // namespace

TEST_CASE("a capture through the real proxy arrives as events and through the typed calls",
          "[client][stream][live]") {
  testing::TempDir home;
  testing::LoopbackHttpServer origin(kOriginReply);
  Runtime runtime(home);
  auto client = runtime.client();
  REQUIRE(client);
  CaptureApi capture(*client);
  auto status = capture.runtime_status();
  REQUIRE(status);
  REQUIRE(status.value().proxy);
  REQUIRE(status.value().proxy->listening);
  const std::string proxy = status.value().proxy->addresses.at(0);

  Collector seen;
  EventStream stream(options_at(runtime.run_dir), seen.events(), seen.statuses());
  REQUIRE(seen.wait_status(StreamStatus::Kind::connected));
  CHECK(stream.connected());

  auto session = capture.start(std::string("live"));
  REQUIRE(session);
  const std::int64_t id = session.value().id;
  CHECK(session.value().state == SessionState::running);
  CHECK(seen.wait([&](const auto& events, const auto&) {
    return has_session_state(events, id, SessionState::running);
  }));

  const std::string url = "http://" + origin.authority() + "/api/hello?x=1";
  REQUIRE(curl_through(proxy, url, home / "body") == 0);
  CHECK(testing::file_text(home / "body") == "{\"ok\":true}");
  REQUIRE(seen.wait([&](const auto& events, const auto&) { return exchange_in(events, id); }));
  const auto captured = seen.events_seen();
  const ExchangeEvent* event = exchange_in(captured, id);
  const std::int64_t exchange_id = event->exchange.id;
  CHECK(event->exchange.method == "GET");
  CHECK(event->exchange.url == url);
  CHECK(event->exchange.status == 200);
  CHECK(event->exchange.response_size >= 11);  // the head counts too

  // Committed within 100 ms of the event (docs/control-api.md): ask until it is there.
  CallResult<ExchangePage> page = capture.exchanges(id);
  for (int tries = 0; tries < 100 && page && page.value().total == 0; ++tries) {
    std::this_thread::sleep_for(10ms);
    page = capture.exchanges(id);
  }
  REQUIRE(page);
  REQUIRE(page.value().total == 1);
  CHECK(page.value().items.at(0).id == exchange_id);
  auto exchange = capture.exchange(exchange_id);
  REQUIRE(exchange);
  CHECK(exchange.value().summary.url == url);
  REQUIRE(exchange.value().response_body);
  CHECK(exchange.value().response_body->bytes == "{\"ok\":true}");
  CHECK(std::any_of(exchange.value().request_headers.begin(),
                    exchange.value().request_headers.end(),
                    [](const Header& h) { return h.name == "X-Test" && h.value == "live"; }));
  auto overview = capture.overview(id);
  REQUIRE(overview);
  CHECK(overview.value().total == 1);

  auto stopped = capture.stop();
  REQUIRE(stopped);
  CHECK(stopped.value().exchange_count == 1);
  CHECK(seen.wait([&](const auto& events, const auto&) {
    return has_session_state(events, id, SessionState::stopped);
  }));
  auto har = capture.export_session(id, {ExportFormat::har, {}, home / "live.har"});
  REQUIRE(har);
  CHECK(testing::file_text(home / "live.har").find("/api/hello") != std::string::npos);
  auto sessions = capture.sessions();
  REQUIRE(sessions);
  CHECK(sessions.value().at(0).id == id);

  // A request after the stop is not captured: no event for it.
  REQUIRE(curl_through(proxy, url, home / "body2") == 0);
  std::this_thread::sleep_for(200ms);
  const auto later = seen.events_seen();
  CHECK(std::count_if(later.begin(), later.end(), [](const ControlEvent& e) {
          return std::holds_alternative<ExchangeEvent>(e);
        }) == 1);
  const auto before = Clock::now();
  stream.stop();
  CHECK(Clock::now() - before < 2s);
  CHECK_FALSE(stream.connected());
}

TEST_CASE("the stream comes back after the runtime restarts on a new port and token",
          "[client][stream][live]") {
  testing::TempDir home;
  auto first = std::make_unique<Runtime>(home);
  REQUIRE(first->client());
  Collector seen;
  EventStreamOptions options = options_at(first->run_dir);
  options.max_reconnect_delay = 200ms;
  EventStream stream(options, seen.events(), seen.statuses());
  REQUIRE(seen.wait_status(StreamStatus::Kind::connected));

  first.reset();  // SIGTERM, waited for: control.json goes with it
  REQUIRE(seen.wait_status(StreamStatus::Kind::disconnected));
  CHECK_FALSE(stream.connected());

  Runtime second(home);
  auto client = second.client();
  REQUIRE(client);
  REQUIRE(seen.wait_status(StreamStatus::Kind::connected, 2));
  auto session = CaptureApi(*client).start(std::string("after restart"));
  REQUIRE(session);
  CHECK(seen.wait([&](const auto& events, const auto&) {
    return has_session_state(events, session.value().id, SessionState::running);
  }));
  // One "disconnected" for the outage, however many retries it took.
  const auto statuses = seen.statuses_seen();
  CHECK(std::count_if(statuses.begin(), statuses.end(), [](const StreamStatus& s) {
          return s.kind == StreamStatus::Kind::disconnected;
        }) == 1);
}

TEST_CASE("no runtime: one disconnected status, and a prompt stop", "[client][stream]") {
  testing::TempDir home;
  Collector seen;
  auto stream =
      std::make_unique<EventStream>(options_at(home / "run"), seen.events(), seen.statuses());
  REQUIRE(seen.wait_status(StreamStatus::Kind::disconnected));
  const auto statuses = seen.statuses_seen();
  CHECK(statuses.at(0).code == "RUNTIME_NOT_RUNNING");
  const auto before = Clock::now();
  stream.reset();
  CHECK(Clock::now() - before < 1s);
}

TEST_CASE("a server that never answers does not hold up the stream's destruction",
          "[client][stream]") {
  testing::TempDir home;
  testing::LoopbackHttpServer silent("", testing::LoopbackReply::silent);
  REQUIRE(control::write_control_file(control::control_file(home / "run"),
                                      {"127.0.0.1", silent.port(), std::string(64, 'a'), 1}));
  auto stream = std::make_unique<EventStream>(options_at(home / "run"), EventHandler{});
  const auto deadline = Clock::now() + 5s;
  while (silent.requests().empty() && Clock::now() < deadline)
    std::this_thread::sleep_for(5ms);
  REQUIRE(silent.requests().size() == 1);
  CHECK(silent.requests()[0].rfind("GET /v1/events HTTP/1.1\r\n", 0) == 0);
  const auto before = Clock::now();
  stream.reset();  // waiting for a keep-alive 45 s away: the interrupt ends it
  CHECK(Clock::now() - before < 1s);
}

TEST_CASE("a bad event is reported and skipped; the next one still arrives", "[client][stream]") {
  testing::TempDir home;
  testing::LoopbackHttpServer server(
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n"
      "event: exchange\ndata: {oops\n\nevent: dropped\ndata: {\"count\":3}\n\n");
  REQUIRE(control::write_control_file(control::control_file(home / "run"),
                                      {"127.0.0.1", server.port(), std::string(64, 'a'), 1}));
  Collector seen;
  EventStream stream(options_at(home / "run"), seen.events(), seen.statuses());
  REQUIRE(seen.wait([](const auto& events, const auto&) {
    return !events.empty() && std::holds_alternative<DroppedEvent>(events.front());
  }));
  REQUIRE(seen.wait_status(StreamStatus::Kind::bad_event));
  const auto statuses = seen.statuses_seen();
  const auto bad = std::find_if(statuses.begin(), statuses.end(), [](const StreamStatus& s) {
    return s.kind == StreamStatus::Kind::bad_event;
  });
  CHECK(bad->message == "the runtime's \"exchange\" event cannot be read: its data is not JSON");
  CHECK(bad->code == "BAD_RESPONSE");
}
