#pragma once
// The bytes of a GET /v1/events answer turned into Server-Sent Events, without sockets: the HTTP
// head is read and checked (200, text/event-stream) with the proxy's sans-I/O reader, the
// chunked body decoded by it, and the body fed to SseParser. EventStream feeds it what the
// socket gives; fuzz/sse_fuzz.cpp feeds it anything.

#include <cstddef>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "runtime/control/client/sse_parser.hpp"
#include "runtime/proxy/message_reader.hpp"

namespace postern::control_client {

/// Decodes one event-stream answer. Not thread-safe; one per connection.
class EventStreamDecoder {
 public:
  explicit EventStreamDecoder(SseLimits limits = {});

  /// Takes socket bytes and appends the events they complete. Errors: a 401 is
  /// control_errc::bad_token; another status, another Content-Type, HTTP that cannot be read or
  /// SSE past its limits are bad_response; the end of the stream (the runtime stopping) is
  /// connection_failed. After an error the decoder takes nothing more.
  base::Status_or_error feed(std::string_view bytes, std::vector<SseEvent>& events);
  /// The peer closed the connection: always an error saying how the stream ended.
  base::Error finish();
  /// Whether the answer's head was read and accepted: events flow from here on.
  bool streaming() const { return streaming_; }

 private:
  base::Status_or_error on_head();
  base::Error fail(base::Error error);

  proxy::MessageReader reader_;
  SseParser sse_;
  bool streaming_ = false;
  bool failed_ = false;
};

}  // namespace postern::control_client
