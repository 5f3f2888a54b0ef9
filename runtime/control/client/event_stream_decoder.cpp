#include "runtime/control/client/event_stream_decoder.hpp"

#include <string>

#include "runtime/control/client/control_errc.hpp"

namespace postern::control_client {

namespace {

base::Error error(control_errc code, const std::string& message) {
  return base::Error{make_error_code(code), message, ""};
}

// "text/event-stream; charset=utf-8" is the type too: compare the part before parameters.
bool is_event_stream(std::string_view content_type) {
  const auto end = content_type.find(';');
  std::string_view type = content_type.substr(0, end);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t'))
    type.remove_suffix(1);
  return type == "text/event-stream";
}

}  // namespace

EventStreamDecoder::EventStreamDecoder(SseLimits limits)
    : reader_(proxy::Side::response), sse_(limits) {
  reader_.expect_response_to("GET");
}

base::Error EventStreamDecoder::fail(base::Error failure) {
  failed_ = true;
  return failure;
}

base::Status_or_error EventStreamDecoder::on_head() {
  const proxy::ResponseHead& head = reader_.response();
  if (head.status < 200) return base::Ok{};  // interim; the real head follows
  if (head.status == 401)
    return fail(error(control_errc::bad_token, "the runtime refused the token for its events"));
  if (head.status != 200)
    return fail(error(control_errc::bad_response,
                      "the runtime answered " + std::to_string(head.status) +
                          " to GET /v1/events (an older runtime has no event stream)"));
  const std::string type(head.fields.get("Content-Type").value_or(""));
  if (!is_event_stream(type))
    return fail(error(control_errc::bad_response,
                      "the runtime's events came as \"" + type + "\", not text/event-stream"));
  streaming_ = true;
  return base::Ok{};
}

base::Status_or_error EventStreamDecoder::feed(std::string_view input,
                                               std::vector<SseEvent>& events) {
  if (failed_) return error(control_errc::bad_response, "the event stream failed before");
  for (;;) {
    const proxy::MessageEvent event = reader_.next(input);
    input.remove_prefix(event.consumed);
    switch (event.kind) {
      case proxy::MessageEvent::Kind::need_more:
        return base::Ok{};
      case proxy::MessageEvent::Kind::head:
        if (auto accepted = on_head(); !accepted) return accepted;
        break;
      case proxy::MessageEvent::Kind::data:
        if (!streaming_) break;  // the body of an interim answer: nothing to read in it
        if (auto parsed = sse_.feed(event.data, events); !parsed) return fail(parsed.error());
        break;
      case proxy::MessageEvent::Kind::end:
        if (!streaming_) break;
        return fail(error(control_errc::connection_failed, "the runtime ended the event stream"));
      case proxy::MessageEvent::Kind::error:
        return fail(error(
            control_errc::bad_response,
            "the runtime's event stream is not HTTP/1.1 this client reads: " + event.error.detail));
      case proxy::MessageEvent::Kind::paused:
      case proxy::MessageEvent::Kind::closed:
        return fail(error(control_errc::bad_response, "the event stream switched protocols"));
    }
  }
}

base::Error EventStreamDecoder::finish() {
  if (failed_) return error(control_errc::connection_failed, "the event stream had failed");
  failed_ = true;
  if (!streaming_)
    return error(control_errc::connection_failed,
                 "the runtime closed the connection before its event stream began");
  if (auto cut = sse_.finish(); !cut)
    return error(control_errc::connection_failed, cut.error().message);
  return error(control_errc::connection_failed, "the runtime closed the event stream");
}

}  // namespace postern::control_client
