#pragma once
// Heads back to bytes: the start line, the fields in their order and case, the empty line.
// Forwarded heads are always serialised from the parsed form, never copied from `raw`, so the
// upstream reads exactly what the proxy understood (CRLF line ends, single spaces, trimmed
// values) and nothing a lenient read tolerated can pass through.

#include <string>
#include <string_view>

#include "runtime/proxy/message_head.hpp"

namespace postern::proxy {

/// "method SP target SP HTTP/x.y CRLF", the fields, CRLF. The target is `target.text`.
std::string serialize(const RequestHead& request);
/// "HTTP/x.y SP status SP reason CRLF", the fields, CRLF.
std::string serialize(const ResponseHead& response);
/// Appends "name: value CRLF" for each field. A control byte in a value (only possible if code,
/// not the parser, put it there) becomes SP, as RFC 9110 §5.5 allows, so no field can split.
void append_fields(const HeaderFields& fields, std::string& out);

/// The standard reason phrase for `status` ("Bad Request"), or "Unknown".
std::string_view reason_phrase(int status);
/// A complete response the proxy sends itself: HTTP/1.1, the status and its reason, a
/// text/plain body of `text`, Content-Length, and "Connection: close" when `close`.
std::string simple_response(int status, std::string_view text, bool close = true);

}  // namespace postern::proxy
