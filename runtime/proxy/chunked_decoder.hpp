#pragma once
// The chunked transfer coding (RFC 9112 §7.1), decoded as a stream. Chunk data is handed back
// as views into the caller's input; only the trailer section is buffered, within BodyLimits.
// The framing is read strictly (CRLF only, hex sizes without sign or spaces, no control bytes in
// extensions) because the raw bytes may be forwarded as they are: what this decoder accepts, a
// strict upstream must read the same way.

#include <cstdint>
#include <optional>
#include <string_view>

#include "runtime/proxy/body_step.hpp"
#include "runtime/proxy/field_section_parser.hpp"
#include "runtime/proxy/limits.hpp"

namespace postern::proxy {

/// Decodes one chunked body, then its trailers.
class ChunkedDecoder {
 public:
  /// A decoder for a body from `side` (which decides error statuses), bounded by `limits`.
  explicit ChunkedDecoder(Side side, BodyLimits limits = {});

  /// Takes bytes until a piece of chunk data, the end of the body, an error or the end of
  /// `input`. Errors: bad_chunk_size, chunk_size_overflow, bad_chunk_extension,
  /// chunk_line_too_long, bad_chunk_terminator, bad_line_ending, trailers_too_large and the
  /// field-line errors in trailers. After complete or error, repeats that answer.
  BodyStep feed(std::string_view input);
  /// True once the last chunk and the trailers have been read.
  bool done() const { return state_ == State::done; }
  /// The trailer fields, in order (after done).
  const HeaderFields& trailers() const;

 private:
  enum class State {
    size,       // hex digits of the chunk size
    size_ws,    // whitespace after the size, allowed only before an extension (BWS)
    extension,  // inside chunk extensions, skipped
    size_lf,    // CR seen at the end of the size line
    data,       // chunk data
    data_cr,    // expecting CR after the data
    data_lf,    // expecting LF after the data
    trailers,   // the trailer section, handed to a FieldSectionParser
    done,
    failed,
  };

  std::error_code take_framing_byte(char c);
  void end_size_line();
  BodyStep fail(std::error_code code, std::size_t consumed);
  BodyStep feed_trailers(std::string_view input, std::size_t at);

  Side side_;
  BodyLimits limits_;
  State state_ = State::size;
  std::uint64_t size_ = 0;      // the chunk size being read, then the data still to come
  std::size_t digits_ = 0;      // hex digits read in this size line
  std::size_t line_bytes_ = 0;  // bytes of this size line so far
  std::optional<FieldSectionParser> trailers_;
  HttpError error_;
};

}  // namespace postern::proxy
