#include "runtime/control/event_hub.hpp"

#include <thread>

#include <catch2/catch.hpp>

using namespace postern::control;

TEST_CASE("every subscriber gets every event published after it subscribed", "[control][events]") {
  EventHub hub;
  hub.publish("early", {{"n", 0}});  // nobody listens yet: goes nowhere
  auto first = hub.subscribe();
  auto second = hub.subscribe();
  hub.publish("exchange", {{"id", 7}, {"session_id", 1}});
  for (const auto& subscription : {first, second}) {
    auto events = subscription->take();
    REQUIRE(events.size() == 1);
    CHECK(events[0].name == "exchange");
    CHECK(nlohmann::json::parse(events[0].data)["id"] == 7);
  }
  CHECK(hub.subscribers() == 2);
  second.reset();
  CHECK(hub.subscribers() == 1);
  hub.publish("session", {{"id", 1}});
  CHECK(first->take().size() == 1);
}

TEST_CASE("event data is one line, even with newlines and broken UTF-8", "[control][events]") {
  EventHub hub;
  auto subscription = hub.subscribe();
  hub.publish("exchange", {{"url", std::string("http://x/\n\xff")}});
  auto events = subscription->take();
  REQUIRE(events.size() == 1);
  CHECK(events[0].data.find('\n') == std::string::npos);
  CHECK(events[0].data.find("\\n") != std::string::npos);
}

TEST_CASE("an event name that would break the framing is refused", "[control][events]") {
  EventHub hub;
  CHECK_THROWS_AS(hub.publish("two\nlines", {}), std::invalid_argument);
  CHECK_THROWS_AS(hub.publish("", {}), std::invalid_argument);
  CHECK_NOTHROW(hub.publish("exchange-2_b", {}));
}

TEST_CASE("publishing from several threads keeps each thread's order", "[control][events]") {
  EventHub hub(100000);
  auto subscription = hub.subscribe();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&hub, t] {
      for (int i = 0; i < 500; ++i)
        hub.publish("n", {{"t", t}, {"i", i}});
    });
  for (auto& thread : threads)
    thread.join();
  auto events = subscription->take();
  REQUIRE(events.size() == 2000);
  std::vector<int> next(4, 0);
  for (const auto& event : events) {
    const auto data = nlohmann::json::parse(event.data);
    CHECK(data["i"] == next[data["t"].get<int>()]++);
  }
}
