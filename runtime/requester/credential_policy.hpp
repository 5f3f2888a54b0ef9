#pragma once
// The one rule deciding whether credentials may follow a request somewhere (STYLE practice 9,
// after curl's Curl_auth_allowed_to_host): the auth scheme's headers, Authorization and Cookie
// headers the caller typed, and proxy-less secrets in the URL. Every leg of a send asks it.

#include <string>
#include <string_view>

namespace postern::requester {

/// Where credentials may go once a redirect leaves the first request's origin.
enum class SensitivePolicy {
  same_origin,  ///< only to the first request's scheme, host and port (the default, like curl)
  any_host,     ///< to any host (Postman's "follow Authorization header", curl's
                ///< --location-trusted), but still never from https down to http
};

/// May a request to `to_url` carry credentials meant for `original_url`? True for the same
/// scheme, host and port; with any_host also for other hosts unless the move is from https to
/// plain http (credentials would cross the network in clear text). Unparsable URLs: false.
bool may_send_sensitive(std::string_view to_url, std::string_view original_url,
                        SensitivePolicy policy);

}  // namespace postern::requester
