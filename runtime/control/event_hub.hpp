#pragma once
// The control API's live events (GET /v1/events, docs/control-api.md): the capture layer
// publishes `exchange` and `session` events from whatever thread it runs on, and every open
// event stream gets its own copy in a bounded queue (EventSubscription). Publishing never
// waits on a listener: a slow one loses its oldest events and is told how many.

#include <cstddef>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/control/event_subscription.hpp"

namespace postern::control {

/// Fans events out to the open event streams. Thread-safe.
class EventHub {
 public:
  /// A hub whose listeners each queue at most `queue_capacity` events.
  explicit EventHub(std::size_t queue_capacity = kEventQueueCapacity);
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  /// A new listener; it receives the events published from now on, until it is released.
  std::shared_ptr<EventSubscription> subscribe();
  /// Queues event `name` with `data` for every listener. `name` is a word of letters, digits,
  /// '_' or '-' (std::invalid_argument otherwise: it would break the stream's framing).
  void publish(std::string_view name, const nlohmann::json& data);
  /// Listeners still held by someone.
  std::size_t subscribers() const;

 private:
  std::vector<std::shared_ptr<EventSubscription>> live_locked();

  const std::size_t queue_capacity_;
  mutable std::mutex mutex_;  // guards subscriptions_
  std::vector<std::weak_ptr<EventSubscription>> subscriptions_;
};

}  // namespace postern::control
