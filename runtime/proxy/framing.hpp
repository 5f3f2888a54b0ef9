#pragma once
// How long a message body is (RFC 9112 §6.3), decided from the head alone, as a pure function.
// This is where request smuggling is stopped: whenever two parsers could read a different body
// length from the same head, the message is refused instead of guessed at.

#include <cstdint>
#include <optional>
#include <string_view>

#include "runtime/proxy/errc.hpp"
#include "runtime/proxy/header_fields.hpp"
#include "runtime/proxy/message_head.hpp"

namespace postern::proxy {

/// How the body is delimited.
enum class BodyKind {
  none,            ///< no body at all
  content_length,  ///< exactly `length` bytes (possibly 0)
  chunked,         ///< chunked transfer coding, ended by the last chunk and trailers
  until_close,     ///< everything until the server closes (responses only)
};

/// The framing of one message body.
struct BodyFraming {
  BodyKind kind = BodyKind::none;  ///< how it is delimited
  std::uint64_t length = 0;        ///< content_length: the byte count
  friend bool operator==(const BodyFraming&, const BodyFraming&) = default;
};

/// The answer of a framing decision: framing, or the error to refuse the message with.
struct FramingDecision {
  BodyFraming framing;             ///< valid when error is unset
  std::optional<HttpError> error;  ///< set when the message must be refused
  /// True when framing is usable.
  bool ok() const { return !error.has_value(); }
};

/// All Content-Length values of `fields` read as one number: nullopt when there is none;
/// identical repeats ("5", "5, 5") merge (RFC 9110 §8.6). Errors: bad_content_length (empty,
/// sign, inner spaces, non-digits, over 2^64-1), differing_content_lengths.
std::optional<std::uint64_t> content_length_of(const HeaderFields& fields, std::error_code& error);

/// The framing of a request's body. Transfer-Encoding must end in a single "chunked" (else
/// chunked_not_final, 400) and name only codings we know (else unsupported_transfer_coding,
/// 501); it may not come with Content-Length (conflicting_framing) nor in HTTP/1.0
/// (transfer_encoding_in_http10). No framing field at all means no body.
FramingDecision request_framing(const RequestHead& request);

/// The framing of a response to a `request_method` request. No body for HEAD, 1xx, 204, 304
/// and a 2xx to CONNECT. Transfer-Encoding without chunked last, or in HTTP/1.0, means
/// until_close (RFC 9112 §6.3 rule 4, §6.1); no framing field means until_close. Conflicts,
/// bad lengths and chunked listed twice are refused (502): the proxy cannot know where the body
/// ends.
FramingDecision response_framing(std::string_view request_method, const ResponseHead& response);

}  // namespace postern::proxy
