#pragma once
// An incremental parser for a field section: field lines up to and including the empty line
// (RFC 9112 §5 for heads, §7.1.2 for chunked trailers). Bytes may arrive split anywhere; the
// parser keeps what it has taken (bounded by its byte limit) so the section's raw bytes stay
// available for the capture.

#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "runtime/proxy/header_fields.hpp"

namespace postern::proxy {

/// The bounds of one section.
struct SectionLimits {
  std::size_t max_bytes = 0;   ///< bytes of field lines and the empty line, line ends included
  std::size_t max_fields = 0;  ///< field lines
  bool allow_bare_lf = false;  ///< accept LF alone as a line end
};

/// How far an incremental parse got.
enum class ParseStatus {
  need_more,  ///< every byte was taken; feed more
  complete,   ///< the parse ended; `consumed` says where, the rest belongs to what follows
  error,      ///< the input is refused; the connection cannot continue
};

/// One answer from FieldSectionParser::feed().
struct SectionStep {
  ParseStatus status = ParseStatus::need_more;  ///< what happened
  std::size_t consumed = 0;                     ///< bytes of this feed's input taken
  std::error_code error;                        ///< the proxy::errc when status is error
};

/// Parses "*( field-line CRLF ) CRLF". Errors: head_too_large (over max_bytes, detected as soon
/// as the limit is passed, even mid-line), too_many_fields, bad_line_ending and the field-line
/// errors of parse_field_line(). After complete or error, feed() repeats that answer and takes
/// nothing.
class FieldSectionParser {
 public:
  /// A parser bounded by `limits`.
  explicit FieldSectionParser(SectionLimits limits);

  /// Takes bytes up to the end of the section, the first error, or the end of `bytes`.
  SectionStep feed(std::string_view bytes);
  /// The fields parsed so far, in order.
  const HeaderFields& fields() const { return fields_; }
  /// Moves the fields out (after complete).
  HeaderFields take_fields() { return std::move(fields_); }
  /// Every byte taken so far, exactly as received.
  std::string_view raw() const { return raw_; }

 private:
  SectionStep fail(std::error_code error, std::size_t consumed);
  std::error_code take_line(std::string_view line);

  SectionLimits limits_;
  std::string raw_;
  std::size_t line_start_ = 0;  // offset in raw_ of the line being received
  HeaderFields fields_;
  ParseStatus status_ = ParseStatus::need_more;
  std::error_code error_;
};

}  // namespace postern::proxy
