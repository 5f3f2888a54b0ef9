#include "runtime/control/event_subscription.hpp"

#include <algorithm>
#include <utility>

namespace postern::control {

std::string format_event(const Event& event) {
  return "event: " + event.name + "\ndata: " + event.data + "\n\n";
}

EventSubscription::EventSubscription(std::size_t capacity)
    : capacity_(std::max<std::size_t>(capacity, 1)) {}

void EventSubscription::push(Event event) {
  std::function<void()> ready;
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() == capacity_) {
      queue_.pop_front();
      ++dropped_since_take_;
      ++dropped_total_;
    }
    queue_.push_back(std::move(event));
    ready = ready_;
  }
  if (ready) ready();
}

std::vector<Event> EventSubscription::take() {
  std::lock_guard lock(mutex_);
  std::vector<Event> events;
  events.reserve(queue_.size() + 1);
  if (dropped_since_take_ > 0) {
    // Before the survivors: the gap lies between what the client saw last and these.
    events.push_back(Event{"dropped", "{\"count\":" + std::to_string(dropped_since_take_) + "}"});
    dropped_since_take_ = 0;
  }
  std::move(queue_.begin(), queue_.end(), std::back_inserter(events));
  queue_.clear();
  return events;
}

void EventSubscription::on_ready(std::function<void()> ready) {
  std::lock_guard lock(mutex_);
  ready_ = std::move(ready);
}

std::uint64_t EventSubscription::dropped_total() const {
  std::lock_guard lock(mutex_);
  return dropped_total_;
}

}  // namespace postern::control
