#pragma once
// Streams one message body in the framing request_framing()/response_framing() chose. Memory
// stays flat whatever the body's size: data comes back as views into the caller's input, and
// only chunked trailers are buffered (bounded). The loop a session runs:
//
//   for (;;) {
//     BodyStep step = decoder.feed(input);
//     forward(input.substr(0, step.consumed));  // passthrough: the exact wire bytes
//     input.remove_prefix(step.consumed);
//     if (step.kind != BodyStep::Kind::data) break;  // need_more, complete or error
//     capture(step.data);                           // the decoded body
//   }

#include <cstdint>
#include <optional>
#include <string_view>

#include "runtime/proxy/body_step.hpp"
#include "runtime/proxy/chunked_decoder.hpp"
#include "runtime/proxy/framing.hpp"
#include "runtime/proxy/limits.hpp"

namespace postern::proxy {

/// Decodes one body: none, content-length, chunked or until-close.
class BodyDecoder {
 public:
  /// A decoder for a body with `framing`, from `side` (which decides error statuses).
  BodyDecoder(BodyFraming framing, Side side, BodyLimits limits = {});

  /// Takes bytes of the body; see BodyStep. Returns complete (taking nothing) once the body is
  /// over, so it may be called with an empty input to learn that.
  BodyStep feed(std::string_view input);
  /// The peer closed the connection: complete for until-close bodies and finished ones, else
  /// the error truncated_message.
  BodyStep finish();
  /// True once the whole body has been read.
  bool done() const { return done_; }
  /// The chunked body's trailer fields (empty for other framings or before done).
  const HeaderFields& trailers() const;
  /// The framing this decoder follows.
  const BodyFraming& framing() const { return framing_; }
  /// Decoded body bytes handed out so far.
  std::uint64_t body_bytes() const { return body_bytes_; }
  /// Wire bytes taken so far (framing included).
  std::uint64_t wire_bytes() const { return wire_bytes_; }

 private:
  BodyStep decode(std::string_view input);

  BodyFraming framing_;
  Side side_;
  std::uint64_t remaining_ = 0;  // content-length: bytes still to come
  std::optional<ChunkedDecoder> chunked_;
  bool done_ = false;
  std::optional<HttpError> error_;  // sticky once set
  std::uint64_t body_bytes_ = 0;
  std::uint64_t wire_bytes_ = 0;
};

}  // namespace postern::proxy
