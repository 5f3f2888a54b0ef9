#pragma once
// Messages larger than one frame, split by the protocol (docs/bridge-protocol.md, "chunk").
// Chromium refuses any host frame over 1 MiB, so a bigger message (a captured response body, a
// cookie jar) travels as a run of
//   {"type":"chunk","id":N,"seq":i,"last":bool,"data":"<part of the message's JSON text>"}
// messages, each of which fits a frame; the receiver concatenates the parts in seq order and
// parses the result as one message. Parts are cut on UTF-8 code point boundaries, so every chunk
// is valid JSON on its own. Both directions use the same rules; the extension implements them too.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "runtime/bridge/frame_codec.hpp"

namespace postern::bridge {

/// Message type of a chunk.
inline constexpr std::string_view kChunkType = "chunk";

/// Splits the JSON text of one message (valid UTF-8) into chunk messages whose JSON text is
/// each at most `max_frame` bytes. `id` names the message; the sender makes ids increase.
base::Result<std::vector<std::string>> split_message(std::string_view json_text,
                                                     std::size_t max_frame = kMaxOutboundFrame,
                                                     std::uint64_t id = 0);

/// Why a chunk was refused.
enum class ChunkError {
  none,         ///< no error
  malformed,    ///< not a chunk: a field is missing or of the wrong type
  duplicate,    ///< a seq already received, or a message id already completed
  gap,          ///< seq skips ahead: a chunk is missing or arrived out of order
  interleaved,  ///< a new message id started before the previous message's last chunk
  too_large,    ///< the parts add up to more than the assembler's total limit
};

/// Rebuilds messages from chunks received in order, one message at a time. Any error drops the
/// message being assembled; the next message starts afresh with seq 0.
class ChunkAssembler {
 public:
  /// An assembler refusing messages whose parts add up to more than `max_total` bytes.
  explicit ChunkAssembler(std::size_t max_total = kDefaultInboundCap);

  /// Result of adding one chunk.
  struct Outcome {
    ChunkError error = ChunkError::none;  ///< set when the chunk was refused
    std::string detail;                   ///< why, for the error frame
    std::optional<std::string> message;   ///< the whole JSON text, after the last chunk
  };

  /// Adds one chunk message (already parsed from a frame).
  Outcome add(const nlohmann::json& chunk);
  /// True while a message has started and its last chunk has not arrived.
  bool in_progress() const { return current_id_.has_value(); }

 private:
  Outcome refuse(ChunkError error, std::string detail);

  std::size_t max_total_;
  std::optional<std::uint64_t> current_id_;
  std::optional<std::uint64_t> last_completed_id_;
  std::uint64_t next_seq_ = 0;
  std::string assembled_;
};

}  // namespace postern::bridge
