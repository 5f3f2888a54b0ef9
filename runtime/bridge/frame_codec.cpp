#include "runtime/bridge/frame_codec.hpp"

#include <cstring>

#include "runtime/bridge/errc.hpp"
#include "runtime/bridge/utf8.hpp"

namespace postern::bridge {

namespace {

// Deepest nesting of arrays/objects in `text`, counting only brackets outside strings. Runs
// before nlohmann parses, so a hostile "[[[[..." never builds a deep tree at all.
std::size_t nesting_depth(std::string_view text, std::size_t stop_above) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > stop_above) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

std::uint32_t read_native_u32(const char* bytes) {
  std::uint32_t value;
  std::memcpy(&value, bytes, sizeof value);  // native byte order, as Chrome writes it
  return value;
}

}  // namespace

std::string_view to_string(FrameError error) {
  switch (error) {
    case FrameError::none:
      return "none";
    case FrameError::oversize:
      return "oversize";
    case FrameError::truncated:
      return "truncated";
    case FrameError::invalid_utf8:
      return "invalid_utf8";
    case FrameError::invalid_json:
      return "invalid_json";
  }
  return "unknown";
}

PayloadCheck parse_payload(std::string_view payload, std::size_t max_depth) {
  PayloadCheck check;
  if (payload.empty()) {
    check.error = FrameError::invalid_json;
    check.detail = "empty message (length 0)";
    return check;
  }
  if (auto bad = find_invalid_utf8(payload)) {
    check.error = FrameError::invalid_utf8;
    check.detail = "invalid UTF-8 at byte " + std::to_string(*bad);
    return check;
  }
  if (nesting_depth(payload, max_depth) > max_depth) {
    check.error = FrameError::invalid_json;
    check.detail = "JSON nested deeper than " + std::to_string(max_depth) + " levels";
    return check;
  }
  try {
    check.document = nlohmann::json::parse(payload);
  } catch (const nlohmann::json::exception& e) {
    check.error = FrameError::invalid_json;
    check.detail = std::string("not JSON: ") + e.what();
    check.document = nullptr;
  }
  return check;
}

FrameDecoder::FrameDecoder(std::size_t max_frame) : max_frame_(max_frame) {}

void FrameDecoder::feed(std::string_view bytes) {
  if (failure_.kind == FrameEvent::Kind::error) return;  // nothing more is read after a fatal one
  // Drop consumed bytes once they are the larger part, so the buffer never grows without bound
  // while a long stream of small frames goes through.
  if (offset_ > 0 && offset_ >= buffer_.size() / 2) {
    buffer_.erase(0, offset_);
    offset_ = 0;
  }
  buffer_.append(bytes);
}

FrameEvent FrameDecoder::fail(FrameEvent event) {
  event.kind = FrameEvent::Kind::error;
  failure_ = event;
  buffer_.clear();
  offset_ = 0;
  return event;
}

FrameEvent FrameDecoder::next() {
  if (failure_.kind == FrameEvent::Kind::error) return failure_;
  if (pending() < kFrameHeaderSize) return {};
  const std::uint32_t length = read_native_u32(buffer_.data() + offset_);
  // Judged from the header alone: an oversize frame is refused before any of it is buffered.
  if (length > max_frame_) {
    FrameEvent event;
    event.error = FrameError::oversize;
    event.announced_length = length;
    event.detail = "frame of " + std::to_string(length) + " bytes is over the limit of " +
                   std::to_string(max_frame_) + " bytes";
    return fail(std::move(event));
  }
  if (pending() - kFrameHeaderSize < length) return {};
  std::string_view payload(buffer_.data() + offset_ + kFrameHeaderSize, length);
  offset_ += kFrameHeaderSize + length;
  PayloadCheck check = parse_payload(payload);
  FrameEvent event;
  event.kind = check.error == FrameError::none ? FrameEvent::Kind::frame : FrameEvent::Kind::error;
  event.announced_length = length;
  event.error = check.error;
  event.detail = std::move(check.detail);
  if (event.kind == FrameEvent::Kind::frame) {
    event.payload.assign(payload);
    event.message = std::move(check.document);
  }
  return event;
}

FrameEvent FrameDecoder::finish() {
  if (failure_.kind == FrameEvent::Kind::error) return failure_;
  const std::size_t left = pending();
  FrameEvent event;
  if (left == 0) {
    event.kind = FrameEvent::Kind::end;
    return event;
  }
  event.error = FrameError::truncated;
  if (left < kFrameHeaderSize) {
    event.detail = "input ended inside a frame header (" + std::to_string(left) + " of 4 bytes)";
  } else {
    event.announced_length = read_native_u32(buffer_.data() + offset_);
    event.detail = "input ended after " + std::to_string(left - kFrameHeaderSize) + " of " +
                   std::to_string(event.announced_length) + " announced bytes";
  }
  return fail(std::move(event));
}

base::Result<std::string> encode_frame(std::string_view json_text, std::size_t max_frame) {
  if (json_text.size() > max_frame)
    return base::Error{make_error_code(errc::frame_too_large),
                       "a message of " + std::to_string(json_text.size()) +
                           " bytes is over the frame limit of " + std::to_string(max_frame),
                       "split it with split_message()"};
  const auto length = static_cast<std::uint32_t>(json_text.size());
  std::string frame(kFrameHeaderSize + json_text.size(), '\0');
  std::memcpy(frame.data(), &length, sizeof length);  // native byte order, as Chrome reads it
  if (!json_text.empty())
    std::memcpy(frame.data() + kFrameHeaderSize, json_text.data(), json_text.size());
  return frame;
}

}  // namespace postern::bridge
