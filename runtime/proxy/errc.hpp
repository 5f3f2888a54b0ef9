#pragma once
// proxy::errc: every way an HTTP/1.1 message can be refused by the core, each with the status
// the proxy answers. A request the proxy cannot parse is answered with a 4xx/5xx from RFC 9112;
// a response it cannot parse is answered to the client with 502 (RFC 9112 §6.3 asks exactly that
// of a proxy for a response with bad framing, and the same reasoning covers a bad head).

#include <string>
#include <string_view>
#include <system_error>

namespace postern::proxy {

/// Which message of an exchange is being parsed; decides the status of an error.
enum class Side { request, response };

/// Why an HTTP/1.1 message was refused. The status is for a request; see status_for().
enum class errc {
  bad_start_line = 1,           ///< 400: request/status line not "A SP B SP C" with valid parts
  bad_version,                  ///< 400: version not "HTTP/" DIGIT "." DIGIT
  version_not_supported,        ///< 505: a major version other than 1
  bad_target,                   ///< 400: malformed request-target, or a form the method forbids
  start_line_too_long,          ///< 414: request line over HeadLimits::max_start_line
  head_too_large,               ///< 431: head over HeadLimits::max_head_bytes
  too_many_fields,              ///< 431: more field lines than HeadLimits::max_fields
  bad_line_ending,              ///< 400: a bare CR, or a bare LF where CRLF is required
  bad_field_name,               ///< 400: empty field name or one with non-token characters
  whitespace_before_colon,      ///< 400: "Name : value" (RFC 9112 §5.1 MUST reject)
  bad_field_value,              ///< 400: a control character (NUL, CR, LF, ...) in a value
  obsolete_line_folding,        ///< 400: a field line starting with SP/HTAB (RFC 9112 §5.2)
  missing_host,                 ///< 400: an HTTP/1.1 request without Host (RFC 9112 §3.2)
  duplicate_host,               ///< 400: more than one Host field
  bad_host,                     ///< 400: a Host value that is not host[:port]
  conflicting_framing,          ///< 400: both Content-Length and Transfer-Encoding
  bad_content_length,           ///< 400: Content-Length not 1*DIGIT, or over 2^64-1
  differing_content_lengths,    ///< 400: several Content-Length values that disagree
  chunked_not_final,            ///< 400: Transfer-Encoding without chunked last, or twice
  unsupported_transfer_coding,  ///< 501: a transfer coding the proxy does not know
  transfer_encoding_in_http10,  ///< 400: Transfer-Encoding in an HTTP/1.0 request (§6.1)
  bad_chunk_size,               ///< 400: a chunk-size that is not hex digits
  chunk_size_overflow,          ///< 400: a chunk-size over 2^64-1
  bad_chunk_extension,          ///< 400: a control character inside a chunk extension
  chunk_line_too_long,          ///< 400: a chunk-size line over BodyLimits::max_chunk_line
  bad_chunk_terminator,         ///< 400: chunk data not followed by CRLF
  trailers_too_large,           ///< 431: trailers over BodyLimits' byte or field limits
  truncated_message,            ///< 400: the connection ended inside a head or a framed body
};

/// The error category for proxy::errc ("postern.proxy").
const std::error_category& proxy_category();
/// Lets `std::error_code code = errc::...` work (found by argument-dependent lookup).
std::error_code make_error_code(errc e);
/// The status to answer when a message from `side` fails with `e`: the request status listed
/// on each errc value, and always 502 Bad Gateway for a response.
int status_for(errc e, Side side);

/// A refused message: the cause, the status to answer and a sentence for logs and the capture.
struct HttpError {
  std::error_code code;  ///< a proxy::errc
  int status = 0;        ///< the status to send the client
  std::string detail;    ///< what was wrong, for logs; never sent verbatim to the client
};

/// Builds the HttpError for `e` on `side`, with `detail`.
HttpError make_http_error(errc e, Side side, std::string detail);

}  // namespace postern::proxy

template <>
struct std::is_error_code_enum<postern::proxy::errc> : std::true_type {};
