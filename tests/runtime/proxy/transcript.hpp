#pragma once
// Test helper: runs a byte stream through MessageReader the way a proxy session will (head,
// data, end, next message) and records what came out, so a test can feed the same bytes whole,
// byte by byte or split anywhere and compare the transcripts.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/proxy/message_reader.hpp"

namespace postern::proxy::test {

/// One message read from the stream.
struct Message {
  RequestHead request;    ///< for request streams
  ResponseHead response;  ///< for response streams
  BodyFraming framing;    ///< what the framing decision said
  std::string body;       ///< the decoded body
  std::string wire;       ///< the exact bytes taken for this message (head and body)
  HeaderFields trailers;  ///< chunked trailers
};

/// Everything read from one stream.
struct Transcript {
  std::vector<Message> messages;   ///< complete messages, in order
  std::optional<HttpError> error;  ///< the error that stopped the stream, if any
  std::string rest;     ///< bytes not taken: after an error, a pause (tunnel) or mid-message
  bool tunnel = false;  ///< the reader paused: the stream may switch protocols
};

/// Feeds a stream to a MessageReader piece by piece and records the transcript.
class StreamReader {
 public:
  StreamReader(Side side, const std::vector<std::string>& methods = {}, HeadLimits head = {},
               BodyLimits body = {})
      : reader_(side, head, body) {
    for (const auto& method : methods)
      reader_.expect_response_to(method);
  }

  /// Feeds one piece of the stream.
  void push(std::string_view input) {
    while (!stopped()) {
      MessageEvent event = reader_.next(input);
      current_.wire.append(input.substr(0, event.consumed));
      input.remove_prefix(event.consumed);
      if (!take(event)) break;
    }
    if (stopped()) transcript_.rest.append(input);
  }

  /// The peer closed.
  Transcript finish() {
    if (!stopped()) take(reader_.finish());
    return transcript_;
  }

 private:
  bool stopped() const { return transcript_.error.has_value() || transcript_.tunnel; }

  // Records one event; false when the input is used up or the stream stopped.
  bool take(const MessageEvent& event) {
    switch (event.kind) {
      case MessageEvent::Kind::head:
        current_.request = reader_.request();
        current_.response = reader_.response();
        current_.framing = reader_.framing();
        return true;
      case MessageEvent::Kind::data:
        current_.body.append(event.data);
        return true;
      case MessageEvent::Kind::end:
        current_.trailers = reader_.trailers();
        transcript_.messages.push_back(std::move(current_));
        current_ = Message{};
        return true;
      case MessageEvent::Kind::paused:
        transcript_.tunnel = true;
        return false;
      case MessageEvent::Kind::error:
        transcript_.error = event.error;
        return false;
      case MessageEvent::Kind::need_more:
      case MessageEvent::Kind::closed:
        return false;
    }
    return false;
  }

  MessageReader reader_;
  Message current_;
  Transcript transcript_;
};

/// Reads `bytes` fed `piece` bytes at a time (0: all at once), then closes.
inline Transcript read_stream(Side side, std::string_view bytes, std::size_t piece,
                              const std::vector<std::string>& methods = {}, HeadLimits head = {},
                              BodyLimits body = {}) {
  StreamReader reader(side, methods, head, body);
  if (piece == 0) piece = std::max<std::size_t>(bytes.size(), 1);
  for (std::size_t at = 0; at < bytes.size(); at += piece)
    reader.push(bytes.substr(at, piece));
  return reader.finish();
}

/// Reads `bytes` in two feeds split at `split`, then closes.
inline Transcript read_split(Side side, std::string_view bytes, std::size_t split,
                             const std::vector<std::string>& methods = {}) {
  StreamReader reader(side, methods);
  reader.push(bytes.substr(0, split));
  reader.push(bytes.substr(split));
  return reader.finish();
}

/// A comparable summary of a transcript: every message's raw head, body, wire bytes, framing,
/// trailers, then the error, the pause and the rest.
inline std::string summary(const Transcript& t) {
  std::string out;
  for (const auto& m : t.messages) {
    out += "[head:" + m.request.raw + m.response.raw + "|body:" + m.body + "|wire:" + m.wire +
           "|kind:" + std::to_string(static_cast<int>(m.framing.kind)) +
           "|len:" + std::to_string(m.framing.length) + "|trailers:";
    for (const auto& f : m.trailers)
      out += f.name + "=" + f.value + ";";
    out += "]";
  }
  if (t.error)
    out += "[error:" + t.error->code.message() + "/" + std::to_string(t.error->status) + "]";
  out += "[tunnel:" + std::to_string(t.tunnel) + "][rest:" + t.rest + "]";
  return out;
}

}  // namespace postern::proxy::test
