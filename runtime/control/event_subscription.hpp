#pragma once
// One listener's queue of control-API events (GET /v1/events). The hub pushes from any thread;
// the listener's session takes the queued events on its own strand. The queue is bounded: a
// client that reads slower than events arrive loses the oldest ones, and the next take() starts
// with a `dropped` event that says how many, so the client knows its view has a gap and can
// reload (GET /v1/sessions/{id}/exchanges). Dropping keeps the publisher (the capture path)
// from ever waiting on a slow reader, as the capture store's queue does (docs/store.md).

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace postern::control {

/// Events a listener may have queued before the oldest are dropped: a burst of about a second
/// of busy capture, about 0.5 MiB of exchange summaries per listener.
inline constexpr std::size_t kEventQueueCapacity = 1024;

/// One event of the stream.
struct Event {
  std::string name;  ///< "exchange", "session", "dropped", ...: the SSE `event:` field
  std::string data;  ///< one line of JSON: the SSE `data:` field
};

/// `event: NAME\ndata: DATA\n\n`, the Server-Sent Events framing (HTML Living Standard §9.2).
std::string format_event(const Event& event);

/// A listener's bounded queue.
class EventSubscription {
 public:
  /// A queue holding at most `capacity` events (at least 1).
  explicit EventSubscription(std::size_t capacity = kEventQueueCapacity);
  EventSubscription(const EventSubscription&) = delete;
  EventSubscription& operator=(const EventSubscription&) = delete;

  /// Queues `event`, dropping the oldest when full, then calls the ready callback. Any thread.
  void push(Event event);
  /// Everything queued, oldest first; when events were dropped since the last take(), first a
  /// `dropped` event with data {"count": N}.
  std::vector<Event> take();
  /// Sets what push() calls after queueing (the session wakes its writer); called on the
  /// pushing thread, without the queue's lock held, so it may call take().
  void on_ready(std::function<void()> ready);
  /// Events dropped so far, in all.
  std::uint64_t dropped_total() const;

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<Event> queue_;
  std::uint64_t dropped_since_take_ = 0;
  std::uint64_t dropped_total_ = 0;
  std::function<void()> ready_;
};

}  // namespace postern::control
