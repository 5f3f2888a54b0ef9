#pragma once
// What a redirect does to a request (RFC 9110 §15.4): where it goes (the Location resolved
// against the current URL) and with which method and body. Pure, so every status is a test.

#include <optional>
#include <string>
#include <string_view>

#include "runtime/auth/http_message.hpp"

namespace postern::requester {

/// Is `status` a redirect the requester follows (301, 302, 303, 307, 308)?
bool is_followed_redirect(int status);

/// `location` resolved against `base_url` (RFC 3986 §5.2); nothing when it cannot be resolved
/// or is not http(s).
std::optional<std::string> resolve_location(std::string_view base_url, std::string_view location);

/// The request to send after `status`: 303 turns anything but HEAD into a GET without a body;
/// 301 and 302 turn POST into GET unless `keep_method` (Postman's "follow original HTTP
/// method"); 307 and 308 keep method and body. Content headers go with a dropped body.
auth::HttpRequest redirected_request(const auth::HttpRequest& previous, int status,
                                     std::string next_url, bool keep_method);

}  // namespace postern::requester
