#include "runtime/control/client/event_stream.hpp"

#include <algorithm>
#include <vector>

#include "runtime/control/client/control_errc.hpp"
#include "runtime/control/client/event_stream_decoder.hpp"
#include "runtime/control/client/tcp_connection.hpp"

namespace postern::control_client {

namespace {

// Bytes asked of the socket per read: many events at once when busy, a bounded buffer.
constexpr std::size_t kReadChunk = 64 * 1024;

}  // namespace

EventStream::EventStream(EventStreamOptions options, EventHandler on_event, StatusHandler on_status)
    : options_(std::move(options)),
      on_event_(std::move(on_event)),
      on_status_(std::move(on_status)),
      thread_([this] { run(); }) {}

EventStream::~EventStream() {
  stop();
}

void EventStream::stop() {
  interrupt_.fire();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

void EventStream::report(StreamStatus::Kind kind, const base::Error* why) {
  if (!on_status_) return;
  StreamStatus status{kind, "", ""};
  if (why) {
    status.message = why->message;
    status.code = std::string(stable_code(why->code));
  }
  on_status_(status);
}

void EventStream::run() {
  auto delay = options_.reconnect_delay;
  bool reported_down = false;  // say "disconnected" once per outage, not at every retry
  while (!interrupt_.fired()) {
    const base::Error ended = listen_once();
    if (interrupt_.fired()) break;
    const bool was_up = connected_.exchange(false, std::memory_order_acq_rel);
    if (was_up || !reported_down) report(StreamStatus::Kind::disconnected, &ended);
    reported_down = true;
    // A stream that was up ended: the runtime restarting comes back quickly, so try soon. One
    // that could not start waits longer each time, up to the bound.
    delay = was_up ? options_.reconnect_delay : std::min(delay * 2, options_.max_reconnect_delay);
    if (interrupt_.wait_for(delay)) break;
  }
  connected_.store(false, std::memory_order_release);
}

base::Error EventStream::listen_once() {
  // control.json is read at every attempt: a restarted runtime has a new port and token.
  auto client = options_.runtime_dir.empty() ? ControlClient::open_current()
                                             : ControlClient::open(options_.runtime_dir);
  if (!client) return client.error();
  const control::ControlEndpoint& endpoint = client.value().endpoint();
  auto connection =
      TcpConnection::connect(endpoint.host, endpoint.port, options_.connect_timeout, &interrupt_);
  if (!connection) return connection.error();
  const ControlRequest request{"GET", "/v1/events", "", ""};
  if (auto sent = connection.value().send_all(format_request(request, endpoint, "postern-events"),
                                              options_.connect_timeout);
      !sent)
    return sent.error();
  auto streamed = read_stream(connection.value());
  return streamed ? base::Error{make_error_code(control_errc::connection_failed),
                                "the event stream ended", ""}
                  : streamed.error();
}

base::Status_or_error EventStream::read_stream(TcpConnection& connection) {
  EventStreamDecoder decoder(options_.limits);
  std::vector<SseEvent> events;
  for (;;) {
    auto bytes = connection.receive(kReadChunk, options_.idle_timeout);
    if (!bytes) {
      if (bytes.error().code != control_errc::timed_out) return bytes.error();
      return base::Error{bytes.error().code,
                         "the runtime sent no event or keep-alive for " +
                             std::to_string(options_.idle_timeout.count() / 1000) + " s",
                         ""};
    }
    if (bytes.value().empty()) return decoder.finish();
    events.clear();
    const auto fed = decoder.feed(bytes.value(), events);
    if (decoder.streaming() && !connected_.exchange(true, std::memory_order_acq_rel))
      report(StreamStatus::Kind::connected);
    for (const auto& event : events) {
      if (interrupt_.fired()) return base::Ok{};  // stop() promised no callback after it
      deliver(event);
    }
    if (!fed) return fed;
  }
}

void EventStream::deliver(const SseEvent& event) {
  auto parsed = parse_control_event(event);
  if (!parsed) return report(StreamStatus::Kind::bad_event, &parsed.error());
  if (on_event_) on_event_(parsed.value());
}

}  // namespace postern::control_client
