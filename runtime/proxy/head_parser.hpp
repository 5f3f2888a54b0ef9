#pragma once
// Incremental parsers for request and response heads (RFC 9112 §2-§5), sans-I/O (practice 11):
// feed them bytes split anywhere and they answer need_more, complete (with how many of the bytes
// were the head's) or error (with the status to answer). Bytes after a complete head are not
// taken: they are the body or the next pipelined message, and belong to the caller.
//
//   RequestParser parser;
//   HeadStep step = parser.feed(buffer);
//   buffer.remove_prefix(step.consumed);
//   if (step.status == ParseStatus::complete) use(parser.take_head());  // then reset()

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/proxy/errc.hpp"
#include "runtime/proxy/field_section_parser.hpp"
#include "runtime/proxy/limits.hpp"
#include "runtime/proxy/message_head.hpp"

namespace postern::proxy {

/// One answer from a head parser.
struct HeadStep {
  ParseStatus status = ParseStatus::need_more;  ///< need_more, complete or error
  /// Bytes of this feed's input taken: all of it on need_more, up to and including the empty
  /// line on complete, up to the offending byte on error.
  std::size_t consumed = 0;
  HttpError error;  ///< on error: the cause and the status to answer
};

/// What both parsers share: the start line, the field section, the limits and the raw bytes.
class HeadParser {
 public:
  virtual ~HeadParser() = default;

  /// Takes bytes of the head. After complete or error, repeats that answer and takes nothing
  /// until reset().
  HeadStep feed(std::string_view bytes);
  /// True when part of a head has arrived: a peer that closes now cut a message short
  /// (truncated_message), while one that closes when this is false simply ended the connection.
  bool in_progress() const;
  /// Gets ready for the next message on the same connection (pipelining, keep-alive, 1xx).
  void reset();

 protected:
  HeadParser(HeadLimits limits, Side side);
  /// Reads the complete start line (no line ending) into the head being built.
  virtual std::error_code parse_start_line(std::string_view line) = 0;
  /// Takes the parsed fields and raw bytes, and applies whole-head rules.
  virtual std::error_code finish_head(HeaderFields fields, std::string raw) = 0;
  /// Clears the head being built.
  virtual void clear_head() = 0;

 private:
  HeadStep fail(std::error_code code, std::size_t consumed);
  HeadStep feed_start_line(std::string_view bytes);
  std::error_code take_start_line();

  HeadLimits limits_;
  Side side_;
  std::string start_line_;  // the start line as received, with its line end
  std::size_t empty_lines_skipped_ = 0;
  std::optional<FieldSectionParser> section_;  // set once the start line is parsed
  ParseStatus status_ = ParseStatus::need_more;
  HttpError error_;
};

/// Parses request heads. On top of the line and field rules it checks Host (RFC 9112 §3.2):
/// more than one is duplicate_host; an invalid one is bad_host; none on an HTTP/1.1 request is
/// missing_host unless the target is absolute- or authority-form and so names the host itself.
class RequestParser final : public HeadParser {
 public:
  /// A parser bounded by `limits`.
  explicit RequestParser(HeadLimits limits = {});
  /// The head, valid after complete.
  const RequestHead& head() const { return head_; }
  /// Moves the head out (after complete).
  RequestHead take_head() { return std::move(head_); }

 private:
  std::error_code parse_start_line(std::string_view line) override;
  std::error_code finish_head(HeaderFields fields, std::string raw) override;
  void clear_head() override { head_ = RequestHead{}; }

  RequestHead head_;
};

/// Parses response heads. A 1xx response is complete like any other: forward it, reset(), and
/// feed on for the final response.
class ResponseParser final : public HeadParser {
 public:
  /// A parser bounded by `limits`.
  explicit ResponseParser(HeadLimits limits = {});
  /// The head, valid after complete.
  const ResponseHead& head() const { return head_; }
  /// Moves the head out (after complete).
  ResponseHead take_head() { return std::move(head_); }

 private:
  std::error_code parse_start_line(std::string_view line) override;
  std::error_code finish_head(HeaderFields fields, std::string raw) override;
  void clear_head() override { head_ = ResponseHead{}; }

  ResponseHead head_;
};

}  // namespace postern::proxy
