#include "runtime/capture/capture_service.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "capture_fixtures.hpp"
#include "runtime/capture/errc.hpp"
#include "runtime/store/errc.hpp"

using namespace postern::capture;
using namespace postern::capture::testing;
namespace store = postern::store;
using json = nlohmann::json;

namespace {

struct Event {
  std::string name;
  json data;
};

// A service over a real store, with its events and collection calls recorded.
struct ServiceFixture : StoreFixture {
  std::mutex mutex;
  std::vector<Event> events;
  std::vector<std::pair<std::int64_t, CollectionTarget>> saved;
  std::uint64_t exchanges_seen_by_saver = 0;
  bool saver_fails = false;
  CaptureService service{*store, hooks()};

  ServiceHooks hooks() {
    ServiceHooks h;
    h.publish = [this](std::string_view name, const json& data) {
      std::lock_guard lock(mutex);
      events.push_back(Event{std::string(name), data});
    };
    h.save_collection =
        [this](std::int64_t id,
               const CollectionTarget& target) -> postern::base::Result<postern::base::Ok> {
      saved.emplace_back(id, target);
      store::ExchangeQuery query;
      query.session_id = id;
      exchanges_seen_by_saver = store->exchanges(query).value().total;
      if (saver_fails)
        return postern::base::Error{std::make_error_code(std::errc::io_error), "disk on fire", ""};
      return postern::base::Ok{};
    };
    h.clock = [] {
      return std::chrono::system_clock::time_point(std::chrono::milliseconds(1795341600123));
    };
    return h;
  }

  // Runs one complete exchange to `url` through the hooks; true when it was recorded.
  bool exchange(const std::string& url, const std::string& method = "GET") {
    Request request(method, url);
    auto recorder = service.exchange_started(request.start());
    if (!recorder) return false;
    recorder->response_head(Response().head());
    recorder->response_body("{}");
    recorder->finished(ended(0, 2));
    return true;
  }

  std::uint64_t stored(std::int64_t session_id) {
    REQUIRE(store->flush());
    store::ExchangeQuery query;
    query.session_id = session_id;
    return store->exchanges(query).value().total;
  }

  std::vector<std::string> event_names(std::string_view kind) {
    std::lock_guard lock(mutex);
    std::vector<std::string> states;
    for (const auto& event : events)
      if (event.name == kind) states.push_back(event.data.value("state", std::string("-")));
    return states;
  }
};

}  // namespace

TEST_CASE("without a session the hot path records nothing", "[capture_service]") {
  ServiceFixture f;
  Request request;
  CHECK(f.service.exchange_started(request.start()) == nullptr);
  CHECK_FALSE(f.service.active().value());
  CHECK(f.service.pause().error().code == errc::no_active_session);
  CHECK(f.service.resume().error().code == errc::no_active_session);
  CHECK(f.service.stop().error().code == errc::no_active_session);
  CHECK(f.service.update_options({}).error().code == errc::no_active_session);
  CHECK(f.events.empty());
}

TEST_CASE("start records exchanges into a new session with a dated default name",
          "[capture_service]") {
  ServiceFixture f;
  auto started = f.service.start("", {});
  REQUIRE(started);
  const auto id = started.value().id;
  CHECK(started.value().name == "Session 2026-11-22 10:00 UTC");
  CHECK(started.value().state == store::SessionState::running);
  CHECK(f.exchange("https://api.example.com/a"));
  CHECK(f.exchange("https://api.example.com/b"));
  CHECK(f.stored(id) == 2);
  auto active = f.service.active();
  REQUIRE(active.value());
  CHECK(active.value()->session.id == id);
  CHECK(active.value()->session.exchange_count == 2);
  // One at a time.
  auto second = f.service.start("again", {});
  REQUIRE_FALSE(second);
  CHECK(second.error().code == store::errc::session_active);
  // Events: the session, then one per exchange, with the id the exchange is stored under.
  CHECK(f.event_names("session") == std::vector<std::string>{"running"});
  std::lock_guard lock(f.mutex);
  REQUIRE(f.events.size() == 3);
  CHECK(f.events[1].name == "exchange");
  CHECK(f.events[1].data["session_id"] == id);
  REQUIRE(f.events[1].data["id"].is_number_integer());
  auto stored = f.store->exchange(f.events[1].data["id"].get<std::int64_t>());
  REQUIRE(stored);
  CHECK(stored.value().url == "https://api.example.com/a");
  CHECK(f.events[2].data["id"].get<std::int64_t>() ==
        f.events[1].data["id"].get<std::int64_t>() + 1);
  CHECK(f.events[1].data["url"] == "https://api.example.com/a");
  CHECK(f.events[1].data["status"] == 200);
}

TEST_CASE("with nobody listening, exchange events are not built; session events still are",
          "[capture_service]") {
  ServiceFixture f;
  CaptureService quiet(*f.store, [&f] {
    ServiceHooks hooks = f.hooks();
    hooks.listening = [] { return false; };
    return hooks;
  }());
  auto started = quiet.start("quiet", {});
  REQUIRE(started);
  Request request("GET", "https://api.example.com/a");
  auto recorder = quiet.exchange_started(request.start());
  REQUIRE(recorder);
  recorder->finished(ended());
  CHECK(f.stored(started.value().id) == 1);
  CHECK(f.event_names("exchange").empty());
  CHECK(f.event_names("session") == std::vector<std::string>{"running"});
}

TEST_CASE("stop answers once everything captured before it is stored, and counts it",
          "[capture_service]") {
  ServiceFixture f;
  REQUIRE(f.service.start("counted", {}));
  for (int n = 0; n < 20; ++n)
    REQUIRE(f.exchange("https://api.example.com/" + std::to_string(n)));
  auto stopped = f.service.stop();  // no flush by the test: stop itself waits for the writer
  REQUIRE(stopped);
  CHECK(stopped.value().session.exchange_count == 20);
  CHECK(stopped.value().session.state == store::SessionState::stopped);
}

TEST_CASE("start refuses options whose filter cannot be built", "[capture_service]") {
  ServiceFixture f;
  CaptureOptions options;
  options.url_regex = "(";
  auto started = f.service.start("bad", options);
  REQUIRE_FALSE(started);
  CHECK(started.error().code == errc::bad_option);
  CHECK_FALSE(f.store->active_session().value());
}

TEST_CASE("pause stops recording new exchanges; those in flight are still stored",
          "[capture_service]") {
  ServiceFixture f;
  const auto id = f.service.start("s", {}).value().id;
  Request request("GET", "https://h/in-flight");
  auto in_flight = f.service.exchange_started(request.start());
  REQUIRE(in_flight);
  auto paused = f.service.pause();
  REQUIRE(paused);
  CHECK(paused.value().state == store::SessionState::paused);
  CHECK_FALSE(f.exchange("https://h/while-paused"));
  in_flight->response_head(Response().head());
  in_flight->finished(ended());
  CHECK(f.stored(id) == 1);
  CHECK(f.service.pause().error().code == store::errc::invalid_state);  // already paused
  REQUIRE(f.service.resume());
  CHECK(f.exchange("https://h/resumed"));
  CHECK(f.stored(id) == 2);
  CHECK(f.service.resume().error().code == store::errc::invalid_state);
  CHECK(f.event_names("session") == std::vector<std::string>{"running", "paused", "running"});
}

TEST_CASE("new options apply to the next exchange, not to those in flight", "[capture_service]") {
  ServiceFixture f;
  const auto id = f.service.start("s", {}).value().id;
  Request request("GET", "https://h/other");
  auto in_flight = f.service.exchange_started(request.start());
  REQUIRE(in_flight);
  CaptureOptions options;
  options.url_contains = "/keep";
  options.save_responses = false;
  auto updated = f.service.update_options(options);
  REQUIRE(updated);
  CHECK(f.service.active().value()->options == options);
  CHECK_FALSE(f.exchange("https://h/other"));
  CHECK(f.exchange("https://h/keep/1"));
  // The in-flight one keeps the options it started with: its response body is saved.
  CHECK(in_flight->response_head(Response().head()));
  in_flight->finished(ended());
  CHECK(f.stored(id) == 2);
  CHECK(f.event_names("session").back() == "running");

  options.url_regex = "[";
  options.url_contains.clear();
  CHECK(f.service.update_options(options).error().code == errc::bad_option);
  CHECK(f.exchange("https://h/keep/2"));  // the old options still hold
}

TEST_CASE("options changed while paused take effect on resume", "[capture_service]") {
  ServiceFixture f;
  f.service.start("s", {}).value();
  REQUIRE(f.service.pause());
  CaptureOptions options;
  options.methods = {"POST"};
  REQUIRE(f.service.update_options(options));
  CHECK_FALSE(f.exchange("https://h/", "POST"));  // still paused
  REQUIRE(f.service.resume());
  CHECK(f.exchange("https://h/", "POST"));
  CHECK_FALSE(f.exchange("https://h/", "GET"));
}

TEST_CASE("stop with a collection calls the saver after everything is stored",
          "[capture_service]") {
  ServiceFixture f;
  CaptureOptions options;
  options.collection = CollectionTarget{"/tmp/c.json", {GroupBy::domain}};
  const auto id = f.service.start("s", options).value().id;
  CHECK(f.exchange("https://h/1"));
  CHECK(f.exchange("https://h/2"));
  auto stopped = f.service.stop();
  REQUIRE(stopped);
  CHECK(stopped.value().session.state == store::SessionState::stopped);
  CHECK(stopped.value().session.stopped_at);
  CHECK_FALSE(stopped.value().deleted);
  CHECK_FALSE(stopped.value().collection_error);
  REQUIRE(f.saved.size() == 1);
  CHECK(f.saved[0].first == id);
  CHECK(f.saved[0].second == *options.collection);
  CHECK(f.exchanges_seen_by_saver == 2);
  CHECK(f.store->session(id));  // kept in the history
  CHECK(f.service.exchange_started(Request().start()) == nullptr);
  CHECK_FALSE(f.service.active().value());
  CHECK(f.event_names("session").back() == "stopped");
}

TEST_CASE("stop with save_to_history off deletes the session once the collection is written",
          "[capture_service]") {
  ServiceFixture f;
  CaptureOptions options;
  options.collection = CollectionTarget{"/tmp/c.json", {}};
  options.save_to_history = false;
  const auto id = f.service.start("s", options).value().id;
  CHECK(f.exchange("https://h/1"));
  auto stopped = f.service.stop();
  REQUIRE(stopped);
  CHECK(stopped.value().deleted);
  CHECK(f.saved.size() == 1);
  CHECK(f.exchanges_seen_by_saver == 1);
  CHECK(f.store->session(id).error().code == store::errc::not_found);
  // A new session can start right away.
  CHECK(f.service.start("next", {}));
}

TEST_CASE("a collection that cannot be written keeps the session", "[capture_service]") {
  ServiceFixture f;
  f.saver_fails = true;
  CaptureOptions options;
  options.collection = CollectionTarget{"/tmp/c.json", {}};
  options.save_to_history = false;
  const auto id = f.service.start("s", options).value().id;
  auto stopped = f.service.stop();
  REQUIRE(stopped);
  REQUIRE(stopped.value().collection_error);
  CHECK(stopped.value().collection_error->message == "disk on fire");
  CHECK_FALSE(stopped.value().deleted);
  CHECK(f.store->session(id));

  // Without an exporter wired in, the same: kept, and said why.
  StoreFixture bare;
  CaptureService plain(*bare.store);
  const auto other = plain.start("s", options).value().id;
  auto result = plain.stop();
  REQUIRE(result);
  REQUIRE(result.value().collection_error);
  CHECK(result.value().collection_error->code == errc::no_collection_writer);
  CHECK(bare.store->session(other));
}

TEST_CASE("save_to_history off without a collection discards the session on stop",
          "[capture_service]") {
  ServiceFixture f;
  CaptureOptions options;
  options.save_to_history = false;
  const auto id = f.service.start("s", options).value().id;
  auto stopped = f.service.stop();
  REQUIRE(stopped);
  CHECK(stopped.value().deleted);
  CHECK(f.saved.empty());
  CHECK(f.store->session(id).error().code == store::errc::not_found);
}

TEST_CASE("recover stops a proxy session left running by a previous run", "[capture_service]") {
  ServiceFixture f;
  const auto left =
      f.store->create_session(store::NewSession{"crashed", store::SessionSource::proxy, "{}"});
  REQUIRE(left);
  REQUIRE(f.service.recover());
  CHECK(f.store->session(left.value().id).value().state == store::SessionState::stopped);
  CHECK(f.service.start("fresh", {}));
  REQUIRE(f.service.recover());  // its own session is left alone
  CHECK(f.service.active().value());

  // An extension session is not the proxy's to stop.
  ServiceFixture g;
  const auto extension =
      g.store->create_session(store::NewSession{"ext", store::SessionSource::extension, "{}"});
  REQUIRE(g.service.recover());
  CHECK(g.store->session(extension.value().id).value().state == store::SessionState::running);
}

TEST_CASE("rename changes any session and announces the active one", "[capture_service]") {
  ServiceFixture f;
  const auto id = f.service.start("s", {}).value().id;
  auto renamed = f.service.rename(id, "Checkout flow");
  REQUIRE(renamed);
  CHECK(renamed.value().name == "Checkout flow");
  CHECK(f.events.back().data["name"] == "Checkout flow");
  CHECK(f.service.rename(id + 100, "x").error().code == store::errc::not_found);
  CHECK(f.service.rename(id, "").error().code == store::errc::invalid_argument);
  CHECK(f.service.options_of(id));
  CHECK_FALSE(f.service.options_of(id + 1));
}

TEST_CASE("the hot path runs on many threads while the session changes", "[capture_service]") {
  ServiceFixture f;
  const auto id = f.service.start("s", {}).value().id;
  std::atomic<bool> done{false};
  std::atomic<int> recorded{0};
  std::vector<std::thread> proxies;
  for (int t = 0; t < 3; ++t)
    proxies.emplace_back([&] {
      for (int n = 0; n < 2000 && !done.load(); ++n)
        if (f.exchange("https://h/x")) recorded.fetch_add(1);
    });
  while (recorded.load() == 0)  // the proxies are busy before the session starts changing
    std::this_thread::yield();
  for (int i = 0; i < 20; ++i) {
    REQUIRE(f.service.pause());
    REQUIRE(f.service.resume());
    CaptureOptions options;
    options.exclude = {"/never-" + std::to_string(i)};
    REQUIRE(f.service.update_options(options));
  }
  done = true;
  for (auto& thread : proxies)
    thread.join();
  // Every recorded exchange is stored, or counted as dropped if the queue ever filled.
  const auto stored = f.stored(id);
  CHECK(stored + f.store->session(id).value().dropped_count ==
        static_cast<std::uint64_t>(recorded.load()));
}

TEST_CASE("a session deleted behind the service's back no longer blocks the next one",
          "[capture_service]") {
  ServiceFixture f;
  const auto id = f.service.start("s", {}).value().id;
  REQUIRE(f.store->delete_session(id));
  CHECK(f.service.stop().error().code == store::errc::not_found);
  CHECK(f.service.exchange_started(Request().start()) == nullptr);
  CHECK(f.service.start("next", {}));
}
