#pragma once
// One side of an HTTP/1.1 connection as a stream of events: head, body data, end, and again for
// the next message (keep-alive, pipelining). It puts the head parser, the framing decision and
// the body decoder together the way every session needs them, so the Asio session only moves
// bytes (practice 11):
//
//   for (;;) {
//     MessageEvent event = reader.next(input);
//     forward(input.substr(0, event.consumed));  // or serialise the head instead of its bytes
//     input.remove_prefix(event.consumed);
//     switch (event.kind) { head: decide; data: capture(event.data); end: ...; need_more: read }
//   }
//
// After a message that may switch protocols (a CONNECT or Upgrade request, a 101 or a 2xx to
// CONNECT) the reader pauses: what follows may be a tunnel, and only the session knows whether
// it answered 2xx/101. It calls resume() to go on with HTTP, or stops using the reader.

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/proxy/body_decoder.hpp"
#include "runtime/proxy/framing.hpp"
#include "runtime/proxy/head_parser.hpp"

namespace postern::proxy {

/// One event from MessageReader::next().
struct MessageEvent {
  /// What happened.
  enum class Kind {
    need_more,  ///< every byte was taken; read more from the socket
    head,       ///< a head is complete and its framing decided: see request()/response()
    data,       ///< `data` holds decoded body bytes (a view into the input)
    end,        ///< the message ended (trailers() are set); the next message may follow
    paused,     ///< the last message may have switched protocols; see resume(). Takes nothing
    closed,     ///< finish() between messages: the peer closed cleanly
    error,      ///< the stream is refused: answer error.status (request side) and close
  };
  Kind kind = Kind::need_more;  ///< which event this is
  std::size_t consumed = 0;     ///< wire bytes of this input taken, always a prefix
  std::string_view data;        ///< on data: decoded body bytes
  HttpError error;              ///< on error: the cause and the status to answer
};

/// Reads the messages one peer sends: requests (Side::request) or responses (Side::response).
class MessageReader {
 public:
  /// A reader of `side` messages, bounded by `head` and `body` limits.
  explicit MessageReader(Side side, HeadLimits head = {}, BodyLimits body = {});

  /// Responses only: the method of a request sent on this connection, in sending order. The
  /// response's framing depends on it (HEAD, CONNECT); a response arriving with none queued is
  /// read as an answer to GET.
  void expect_response_to(std::string_view method);
  /// The next event from `input`. Call again with the rest of the input after every event but
  /// need_more, paused and error (errors repeat, paused repeats until resume()).
  MessageEvent next(std::string_view input);
  /// The peer closed: ends an until-close body (end), reports closed between messages, or the
  /// error truncated_message inside one (or, response side, with a request still unanswered).
  MessageEvent finish();
  /// After paused: the protocol did not switch; read the next message.
  void resume();

  /// The current request's head (request side), from its head event until the next head.
  const RequestHead& request() const { return request_; }
  /// The current response's head (response side), from its head event until the next head.
  const ResponseHead& response() const { return response_; }
  /// The current message's framing, from its head event.
  const BodyFraming& framing() const { return framing_; }
  /// The current message's trailers, after its end event (chunked only).
  const HeaderFields& trailers() const;
  /// The decoder of the current body, from the head event to the end event (byte counts).
  const BodyDecoder* body() const { return body_ ? &*body_ : nullptr; }

 private:
  enum class State { head, body, paused, failed };

  MessageEvent read_head(std::string_view input);
  MessageEvent end_message(std::size_t consumed);
  MessageEvent fail(HttpError error, std::size_t consumed);
  bool may_switch_protocols() const;

  Side side_;
  BodyLimits body_limits_;
  RequestParser requests_;
  ResponseParser responses_;
  std::deque<std::string> methods_;  // response side: methods of requests not yet answered
  State state_ = State::head;
  RequestHead request_;
  ResponseHead response_;
  BodyFraming framing_;
  std::optional<BodyDecoder> body_;
  HeaderFields trailers_;
  HttpError error_;
};

}  // namespace postern::proxy
