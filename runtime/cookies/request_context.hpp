#pragma once
// What the jar needs to know about a request, both when a response to it sets cookies (RFC 6265
// §5.3) and when cookies are chosen for it (§5.4): its URL's scheme, host and path, and for
// browser-captured traffic whether it is cross-site (RFC 6265bis SameSite).

#include <string>
#include <string_view>

#include "base/result.hpp"

namespace postern::cookies {

/// How the request relates to the page that made it (RFC 6265bis §5.2).
enum class SiteContext {
  unknown,     ///< not a browser request (the requester, the CLI): SameSite is not applied
  same_site,   ///< the request's site is the site of the page that made it
  cross_site,  ///< a request from another site's page
};

/// One request as the jar sees it.
struct RequestContext {
  std::string scheme = "https";             ///< lower case
  std::string host;                         ///< canonical (domain_match.hpp canonical_host)
  std::string path = "/";                   ///< the URL's path, without query or fragment
  bool http_api = true;                     ///< made over HTTP, not through a script API (HttpOnly)
  SiteContext site = SiteContext::unknown;  ///< for SameSite
  bool top_level_navigation = false;        ///< the address bar changes (a link, a form)
  bool safe_method = true;                  ///< GET, HEAD, OPTIONS or TRACE

  /// A secure context: https or wss, or a loopback host (which browsers treat as secure, so
  /// Secure cookies work in local development).
  bool secure() const;
};

/// The context of a plain request to `url` (site unknown), scheme and host lowered, the path
/// cut at '?' or '#' ("/" when empty); an error naming the URL when it has no scheme or host.
base::Result<RequestContext> request_context_from_url(std::string_view url);

}  // namespace postern::cookies
