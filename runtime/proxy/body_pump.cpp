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

// Up to this many body bytes go out in one write with the head (copied behind it).
constexpr std::size_t kJoinLimit = 16 * 1024;

boost::asio::awaitable<void> write_piece(ByteStream& sink, std::string_view bytes,
                                         std::chrono::steady_clock::duration transfer,
                                         boost::system::error_code& error) {
  sink.set_timeout(transfer);
  co_await sink.write_all(bytes, error);
}

PumpResult sink_lost(PumpResult result) {
  result.end = PumpEnd::sink_lost;
  return result;
}

}  // namespace

boost::asio::awaitable<PumpResult> pump_body(MessageReader& reader, InputBuffer& input,
                                             ByteStream& source, ByteStream* sink,
                                             const BodyObserver& observe,
                                             std::chrono::steady_clock::duration transfer,
                                             std::string head) {
  PumpResult result;
  for (;;) {
    std::size_t taken = 0;
    const MessageEvent event = scan(reader, input.view(), observe, taken);
    if (sink && (taken > 0 || !head.empty())) {
      std::string_view out = input.view().substr(0, taken);
      if (!head.empty()) {
        // Joined only while small; a large first piece is not worth copying.
        if (taken > 0 && taken <= kJoinLimit) head.append(out);
        if (taken > kJoinLimit) {
          co_await write_piece(*sink, head, transfer, result.error);
          if (result.error) co_return sink_lost(std::move(result));
        } else {
          out = head;
        }
      }
      co_await write_piece(*sink, out, transfer, result.error);
      if (result.error) co_return sink_lost(std::move(result));
      std::string().swap(head);
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
