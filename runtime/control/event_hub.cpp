#include "runtime/control/event_hub.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace postern::control {

namespace {

bool is_event_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

}  // namespace

EventHub::EventHub(std::size_t queue_capacity) : queue_capacity_(queue_capacity) {}

std::shared_ptr<EventSubscription> EventHub::subscribe() {
  auto subscription = std::make_shared<EventSubscription>(queue_capacity_);
  std::lock_guard lock(mutex_);
  subscriptions_.push_back(subscription);
  return subscription;
}

void EventHub::publish(std::string_view name, const nlohmann::json& data) {
  if (!is_event_name(name))
    throw std::invalid_argument("event name \"" + std::string(name) + "\" is not a word");
  std::vector<std::shared_ptr<EventSubscription>> listeners;
  {
    std::lock_guard lock(mutex_);
    listeners = live_locked();
  }
  if (listeners.empty()) return;
  // One dump for all listeners. dump() escapes control characters, so the data is one line as
  // SSE's `data:` field needs; bytes from the wire that are not UTF-8 are replaced, not thrown.
  const Event event{std::string(name),
                    data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
  for (const auto& listener : listeners)
    listener->push(event);
}

std::size_t EventHub::subscribers() const {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(std::count_if(subscriptions_.begin(), subscriptions_.end(),
                                                [](const auto& weak) { return !weak.expired(); }));
}

std::vector<std::shared_ptr<EventSubscription>> EventHub::live_locked() {
  std::vector<std::shared_ptr<EventSubscription>> live;
  std::erase_if(subscriptions_, [&live](const std::weak_ptr<EventSubscription>& weak) {
    auto strong = weak.lock();
    if (!strong) return true;
    live.push_back(std::move(strong));
    return false;
  });
  return live;
}

}  // namespace postern::control
