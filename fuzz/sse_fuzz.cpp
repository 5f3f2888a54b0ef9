// Fuzz target: the control client's event stream reader (runtime/control/client/): any bytes as
// a Server-Sent Events body, fed whole and fed in pieces, then as a whole HTTP answer to
// GET /v1/events, and every event read into its typed form (the strict JSON readers of the
// typed calls). Nothing may crash; how the bytes are split must not change a single event or
// whether the stream fails; no event may pass the parser's limits.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "runtime/control/client/control_events.hpp"
#include "runtime/control/client/event_stream_decoder.hpp"
#include "runtime/control/client/sse_parser.hpp"

namespace {

using namespace postern::control_client;

// Small limits, so that inputs of a few KiB reach the paths that refuse long lines and data.
constexpr SseLimits kLimits{256, 1024};

void check(bool condition) {
  if (!condition) std::abort();
}

struct Outcome {
  std::vector<SseEvent> events;
  bool ok = true;
};

Outcome parse_in_pieces(std::string_view text, std::size_t piece) {
  SseParser parser(kLimits);
  Outcome out;
  for (std::size_t at = 0; at < text.size() && out.ok; at += piece)
    out.ok = parser.feed(text.substr(at, piece), out.events).has_value();
  if (out.ok) (void)parser.finish();
  return out;
}

bool same(const Outcome& a, const Outcome& b) {
  if (a.ok != b.ok || a.events.size() != b.events.size()) return false;
  for (std::size_t i = 0; i < a.events.size(); ++i)
    if (a.events[i].type != b.events[i].type || a.events[i].data != b.events[i].data ||
        a.events[i].id != b.events[i].id)
      return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const Outcome whole = parse_in_pieces(text, text.size() + 1);
  // The first byte picks a second split, so the fuzzer explores where pieces end too.
  const std::size_t piece = size == 0 ? 1 : 1 + data[0] % 7;
  check(same(whole, parse_in_pieces(text, piece)));
  for (const auto& event : whole.events) {
    check(event.data.size() <= kLimits.max_data);
    (void)parse_control_event(event);
  }

  EventStreamDecoder decoder(kLimits);
  std::vector<SseEvent> events;
  const std::string_view head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
  (void)decoder.feed(head, events);
  (void)decoder.feed(text, events);  // bytes that are not chunks: refused, never a crash
  (void)decoder.finish();
  EventStreamDecoder raw(kLimits);
  (void)raw.feed(text, events);
  (void)raw.finish();
  return 0;
}
