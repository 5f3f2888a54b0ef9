#include "runtime/bridge/chunking.hpp"

#include "runtime/bridge/errc.hpp"
#include "runtime/bridge/utf8.hpp"

namespace postern::bridge {

namespace {

using nlohmann::json;

// Bytes the JSON serialiser writes for one code point inside a string. This mirrors
// nlohmann::json::dump() with ensure_ascii off: quote, backslash and the five short control
// escapes take 2 bytes, other control characters take 6 (\u00XX), and UTF-8 passes through.
std::size_t escaped_size(std::string_view code_point) {
  if (code_point.size() > 1) return code_point.size();
  const auto c = static_cast<unsigned char>(code_point[0]);
  switch (c) {
    case '"':
    case '\\':
    case '\b':
    case '\f':
    case '\n':
    case '\r':
    case '\t':
      return 2;
    default:
      return c < 0x20 ? 6 : 1;
  }
}

json make_chunk(std::uint64_t id, std::uint64_t seq, bool last, std::string_view data) {
  return json{{"type", kChunkType}, {"id", id}, {"seq", seq}, {"last", last}, {"data", data}};
}

base::Error split_error(std::string message) {
  return base::Error{make_error_code(errc::frame_too_large), std::move(message), ""};
}

// The smallest frame limit that still leaves room for one code point after the chunk's own
// fields (6 bytes: the longest escape).
constexpr std::size_t kMinPartBudget = 6;

}  // namespace

base::Result<std::vector<std::string>> split_message(std::string_view json_text,
                                                     std::size_t max_frame, std::uint64_t id) {
  if (auto bad = find_invalid_utf8(json_text))
    return split_error("cannot split a message with invalid UTF-8 at byte " + std::to_string(*bad));
  std::vector<std::string> chunks;
  std::size_t at = 0;
  for (std::uint64_t seq = 0; seq == 0 || at < json_text.size(); ++seq) {
    // "last":false is the longer spelling, so the budget holds for the final chunk too.
    const std::size_t overhead = make_chunk(id, seq, false, "").dump().size();
    if (max_frame < overhead + kMinPartBudget)
      return split_error("a frame limit of " + std::to_string(max_frame) +
                         " bytes leaves no room for chunk data");
    const std::size_t budget = max_frame - overhead;
    std::size_t used = 0;
    const std::size_t start = at;
    while (at < json_text.size()) {
      const std::size_t length = utf8_sequence_length(json_text, at);
      const std::size_t cost = escaped_size(json_text.substr(at, length));
      if (used + cost > budget) break;
      used += cost;
      at += length;
    }
    const bool last = at >= json_text.size();
    std::string text = make_chunk(id, seq, last, json_text.substr(start, at - start)).dump();
    if (text.size() > max_frame)  // guards the size model above; never expected to trigger
      return split_error("chunk " + std::to_string(seq) + " came out over the frame limit");
    chunks.push_back(std::move(text));
  }
  return chunks;
}

ChunkAssembler::ChunkAssembler(std::size_t max_total) : max_total_(max_total) {}

ChunkAssembler::Outcome ChunkAssembler::refuse(ChunkError error, std::string detail) {
  current_id_.reset();
  next_seq_ = 0;
  assembled_.clear();
  assembled_.shrink_to_fit();
  Outcome outcome;
  outcome.error = error;
  outcome.detail = std::move(detail);
  return outcome;
}

ChunkAssembler::Outcome ChunkAssembler::add(const json& chunk) {
  const auto field = [&](const char* name) -> const json* {
    auto it = chunk.is_object() ? chunk.find(name) : chunk.end();
    return chunk.is_object() && it != chunk.end() ? &*it : nullptr;
  };
  const json *id = field("id"), *seq = field("seq"), *last = field("last"), *data = field("data");
  if (!id || !id->is_number_unsigned() || !seq || !seq->is_number_unsigned() || !last ||
      !last->is_boolean() || !data || !data->is_string())
    return refuse(ChunkError::malformed,
                  "a chunk needs id and seq (unsigned integers), last (boolean), data (string)");
  const auto chunk_id = id->get<std::uint64_t>();
  const auto chunk_seq = seq->get<std::uint64_t>();
  const std::string label =
      "chunk " + std::to_string(chunk_seq) + " of message " + std::to_string(chunk_id);
  if (current_id_ && *current_id_ != chunk_id)
    return refuse(ChunkError::interleaved, label + " arrived while message " +
                                               std::to_string(*current_id_) + " is incomplete");
  if (!current_id_ && last_completed_id_ && chunk_id <= *last_completed_id_)
    return refuse(ChunkError::duplicate, label + ": message ids must increase");
  if (chunk_seq < next_seq_) return refuse(ChunkError::duplicate, label + " is a duplicate");
  if (chunk_seq > next_seq_)
    return refuse(ChunkError::gap, label + " arrived, expected chunk " + std::to_string(next_seq_));
  const auto& part = data->get_ref<const std::string&>();
  if (assembled_.size() + part.size() > max_total_)
    return refuse(ChunkError::too_large, "message " + std::to_string(chunk_id) +
                                             " is over the limit of " + std::to_string(max_total_) +
                                             " bytes");
  current_id_ = chunk_id;
  ++next_seq_;
  assembled_ += part;
  Outcome outcome;
  if (last->get<bool>()) {
    outcome.message = std::move(assembled_);
    assembled_.clear();
    last_completed_id_ = chunk_id;
    current_id_.reset();
    next_seq_ = 0;
  }
  return outcome;
}

}  // namespace postern::bridge
