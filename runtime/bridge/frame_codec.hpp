#pragma once
// Native-messaging framing, sans-I/O (practice 11). A frame is a 32-bit length in the machine's
// NATIVE byte order followed by that many bytes of UTF-8 JSON (Chrome's native-messaging docs;
// recipes/chromium-e2e.md §3 verified it). Every platform Postern ships on (x86-64, arm64) is
// little-endian, so in practice the length is little-endian; a big-endian host would use
// big-endian, and so would its browser.
//
// FrameDecoder is fed bytes in any split and answers frame / need_more / error / end, so the host
// only moves bytes and tests feed transcripts without pipes.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.hpp"

namespace postern::bridge {

/// Largest payload the browser accepts from a host: Chromium drops the port on anything over
/// 1 MiB ("Native Messaging host tried sending a message that is 1048598 bytes long", recipe §3).
inline constexpr std::size_t kMaxOutboundFrame = 1024 * 1024;
/// Default cap on frames from the browser: Chrome itself sends at most 64 MiB per message.
inline constexpr std::size_t kDefaultInboundCap = 64 * 1024 * 1024;
/// Deepest JSON nesting accepted. Our messages nest a handful of levels; the cap keeps the
/// recursive parts of nlohmann::json (copy, dump, compare) far from the stack's end.
inline constexpr std::size_t kMaxJsonDepth = 64;
/// Bytes in a frame header.
inline constexpr std::size_t kFrameHeaderSize = 4;

/// What is wrong with a frame. oversize and truncated are fatal: the stream cannot be resynced.
enum class FrameError {
  none,          ///< no error
  oversize,      ///< the header announces more than the inbound cap (rejected from the header)
  truncated,     ///< the input ended inside a header or a body
  invalid_utf8,  ///< the payload is not strict UTF-8 (also: empty payload is invalid_json)
  invalid_json,  ///< the payload is UTF-8 but not one JSON document, or nests too deep
};

/// Human-readable name of a FrameError ("oversize", ...), for logs and error details.
std::string_view to_string(FrameError error);

/// One answer from the decoder.
struct FrameEvent {
  /// What happened.
  enum class Kind {
    frame,      ///< a complete, valid frame: payload and message are set
    need_more,  ///< feed more bytes
    error,      ///< a bad frame: error and detail are set
    end,        ///< finish() with nothing pending: the stream ended cleanly
  };
  Kind kind = Kind::need_more;          ///< which answer this is
  std::string payload;                  ///< frame: the raw JSON text
  nlohmann::json message;               ///< frame: the parsed document
  FrameError error = FrameError::none;  ///< error: the kind of damage
  std::uint64_t announced_length = 0;   ///< oversize/truncated: the length in the header
  std::string detail;                   ///< error: a sentence for logs and error frames
  /// True for errors after which the stream cannot continue (oversize, truncated).
  bool fatal() const { return error == FrameError::oversize || error == FrameError::truncated; }
};

/// Result of checking one payload: UTF-8, JSON, nesting depth.
struct PayloadCheck {
  FrameError error = FrameError::none;  ///< none, invalid_utf8 or invalid_json
  std::string detail;                   ///< why, when error is set
  nlohmann::json document;              ///< the parsed document when error is none
};

/// Validates `payload` as strict UTF-8 holding exactly one JSON document nested at most
/// `max_depth` deep, and parses it. Used for frames and for reassembled chunked messages.
PayloadCheck parse_payload(std::string_view payload, std::size_t max_depth = kMaxJsonDepth);

/// Incremental decoder for frames from the browser.
class FrameDecoder {
 public:
  /// A decoder rejecting frames longer than `max_frame` bytes (the inbound cap).
  explicit FrameDecoder(std::size_t max_frame = kDefaultInboundCap);

  /// Appends bytes read from stdin; call next() until it answers need_more.
  void feed(std::string_view bytes);
  /// The next event from the bytes fed so far. After a fatal error every call repeats it.
  FrameEvent next();
  /// Call at end of input: `end` when nothing is pending, else a fatal `truncated` error.
  FrameEvent finish();
  /// Bytes buffered and not yet returned as frames.
  std::size_t pending() const { return buffer_.size() - offset_; }

 private:
  FrameEvent fail(FrameEvent event);

  std::size_t max_frame_;
  std::string buffer_;
  std::size_t offset_ = 0;  // start of the first unconsumed byte in buffer_
  FrameEvent failure_;      // sticky fatal error, kind == error once set
};

/// Frames `json_text` for stdout: native-endian length then the bytes. Fails with
/// errc::frame_too_large over `max_frame` (default 1 MiB): split it with split_message().
base::Result<std::string> encode_frame(std::string_view json_text,
                                       std::size_t max_frame = kMaxOutboundFrame);

}  // namespace postern::bridge
