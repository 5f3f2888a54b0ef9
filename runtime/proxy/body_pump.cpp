#include "runtime/proxy/body_pump.hpp"

namespace postern::proxy {
namespace {

using Kind = MessageEvent::Kind;

// Runs the reader over what `input` holds: reports each piece, returns how many wire bytes it
// took and the event that stopped it (need_more, end or error).
MessageEvent scan(MessageReader& reader, std::string_view input, const BodyObserver& observe,
                  std::size_t& taken) {
  taken = 0;
  for (;;) {
    MessageEvent event = reader.next(input.substr(taken));
    taken += event.consumed;
    if (event.kind == Kind::data)
      observe(event.data, event.consumed);
    else if (event.consumed > 0)
      observe({}, event.consumed);
    if (event.kind != Kind::data) return event;
  }
}

}  // namespace

boost::asio::awaitable<PumpResult> pump_body(MessageReader& reader, InputBuffer& input,
                                             ByteStream& source, ByteStream* sink,
                                             const BodyObserver& observe,
                                             std::chrono::steady_clock::duration transfer) {
  PumpResult result;
  for (;;) {
    std::size_t taken = 0;
    const MessageEvent event = scan(reader, input.view(), observe, taken);
    if (sink && taken > 0) {
      sink->set_timeout(transfer);
      co_await sink->write_all(input.view().substr(0, taken), result.error);
      if (result.error) {
        result.end = PumpEnd::sink_lost;
        co_return result;
      }
    }
    input.consume(taken);
    if (event.kind == Kind::end) co_return result;
    if (event.kind == Kind::error || event.kind == Kind::paused || event.kind == Kind::closed) {
      result.end = PumpEnd::source_error;
      result.event = event;
      co_return result;
    }
    source.set_timeout(transfer);
    const std::size_t n = co_await source.read_some(input.prepare(), result.error);
    if (result.error) {
      // A body that runs until the close ends here; any other body was cut short.
      const MessageEvent last = reader.finish();
      if (last.kind == Kind::end) {
        result.error = {};
        co_return result;
      }
      result.end = PumpEnd::source_lost;
      co_return result;
    }
    input.commit(n);
  }
}

}  // namespace postern::proxy
