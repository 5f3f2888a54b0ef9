#pragma once
// Moves one message body from one stream to another as it arrives: the sans-I/O reader decides
// where the body ends and decodes it for the capture copy, while the wire bytes (chunk framing
// and trailers included) go out unchanged, one write per read. Nothing is ever held whole.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

// <utility> first: Boost 1.74's awaitable.hpp uses std::exchange without including it.
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/system/error_code.hpp>

#include "runtime/proxy/byte_stream.hpp"
#include "runtime/proxy/input_buffer.hpp"
#include "runtime/proxy/message_reader.hpp"

namespace postern::proxy {

/// How a pumped body ended.
enum class PumpEnd {
  complete,      ///< the message ended (its end event was read)
  source_error,  ///< the source sent bytes the reader refused (see the event's error)
  source_lost,   ///< reading the source failed or it closed inside the body
  sink_lost,     ///< writing the sink failed
};

/// The outcome of a pump: how it ended, the last event (for source_error), the I/O error.
struct PumpResult {
  PumpEnd end = PumpEnd::complete;  ///< how it ended
  MessageEvent event;               ///< the reader's error event, for source_error
  boost::system::error_code error;  ///< the I/O error, for source_lost and sink_lost
};

/// Told about each piece relayed: decoded body bytes (may be empty) and wire bytes.
using BodyObserver = std::function<void(std::string_view decoded, std::size_t wire)>;

/// Relays the current body of `reader` (its head already read) from `source` (bytes already
/// read are in `input`) to `sink` (null: read and drop), until the reader's end event.
/// `transfer` bounds each read and write. `head`, when given, goes to the sink first, in the
/// same write as the body bytes already at hand: a small response then leaves in one TLS
/// record and one send instead of two.
boost::asio::awaitable<PumpResult> pump_body(MessageReader& reader, InputBuffer& input,
                                             ByteStream& source, ByteStream* sink,
                                             const BodyObserver& observe,
                                             std::chrono::steady_clock::duration transfer,
                                             std::string head = {});

}  // namespace postern::proxy
