#include "runtime/control/event_subscription.hpp"

#include <catch2/catch.hpp>

using namespace postern::control;

TEST_CASE("events are framed as Server-Sent Events", "[control][events]") {
  CHECK(format_event({"exchange", R"({"id":1})"}) == "event: exchange\ndata: {\"id\":1}\n\n");
}

TEST_CASE("a subscription hands out its events oldest first, once", "[control][events]") {
  EventSubscription subscription(8);
  subscription.push({"a", "1"});
  subscription.push({"b", "2"});
  auto events = subscription.take();
  REQUIRE(events.size() == 2);
  CHECK(events[0].name == "a");
  CHECK(events[1].data == "2");
  CHECK(subscription.take().empty());
}

TEST_CASE("a full queue drops the oldest and says how many first", "[control][events]") {
  EventSubscription subscription(3);
  for (int i = 1; i <= 5; ++i)
    subscription.push({"n", std::to_string(i)});
  auto events = subscription.take();
  REQUIRE(events.size() == 4);
  CHECK(events[0].name == "dropped");
  CHECK(events[0].data == R"({"count":2})");
  CHECK(events[1].data == "3");
  CHECK(events[3].data == "5");
  CHECK(subscription.dropped_total() == 2);
  subscription.push({"n", "6"});
  events = subscription.take();  // the count is reported once, not again
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "6");
}

TEST_CASE("the ready callback runs after each push and may take at once", "[control][events]") {
  EventSubscription subscription;
  std::vector<Event> seen;
  subscription.on_ready([&] {
    for (auto& event : subscription.take())
      seen.push_back(std::move(event));
  });
  subscription.push({"x", "1"});
  subscription.push({"y", "2"});
  REQUIRE(seen.size() == 2);
  CHECK(seen[1].name == "y");
}
