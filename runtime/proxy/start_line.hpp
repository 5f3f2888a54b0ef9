#pragma once
// Request lines and status lines (RFC 9112 §3 and §4), one complete line at a time: the
// incremental parsers in head_parser.hpp find the line, these functions read it.

#include <optional>
#include <string_view>
#include <system_error>

#include "runtime/proxy/message_head.hpp"

namespace postern::proxy {

/// Reads "HTTP/" DIGIT "." DIGIT, case-sensitively (RFC 9112 §2.3); nullopt otherwise.
std::optional<HttpVersion> parse_http_version(std::string_view text);

/// Reads "method SP request-target SP HTTP-version" (no line ending) into `head`. Exactly one
/// SP between the parts: other whitespace is how request lines get read two ways. Errors:
/// bad_start_line, bad_version, version_not_supported (major not 1), bad_target.
std::error_code parse_request_line(std::string_view line, RequestHead& head);

/// Reads "HTTP-version SP 3DIGIT SP reason-phrase" (no line ending) into `head`. A missing
/// "SP reason" is accepted, as many servers send "HTTP/1.1 200". Status 100-999. Errors:
/// bad_start_line, bad_version, version_not_supported.
std::error_code parse_status_line(std::string_view line, ResponseHead& head);

}  // namespace postern::proxy
