#pragma once
// The storage model's checks on one cookie (RFC 6265 §5.3, RFC 6265bis §5.7): from a parsed
// Set-Cookie and the request whose response carried it, the cookie to store, or the reason a
// browser would refuse it. The checks that need the jar's other cookies (replacing a cookie,
// not shadowing a Secure one) are in CookieJar; everything here is a pure function.

#include "base/result.hpp"
#include "runtime/cookies/cookie.hpp"
#include "runtime/cookies/public_suffix_list.hpp"
#include "runtime/cookies/request_context.hpp"
#include "runtime/cookies/set_cookie.hpp"

namespace postern::cookies {

/// The cookie `set_cookie` creates when received at `now` in a response to `request`:
/// host-only or domain (refusing a public suffix or a Domain the host is not inside), the
/// default path, Secure only from secure contexts, SameSite=None only with Secure, SameSite
/// cookies not from cross-site subrequests, and the __Secure-/__Host- prefix rules. The error
/// names the errc that applied and the cookie.
base::Result<Cookie> make_cookie(const SetCookie& set_cookie, const RequestContext& request,
                                 const PublicSuffixList& suffixes, Time now);

/// Whether a cookie that is not Secure, set from a context that is not secure, must be refused
/// because it would overwrite or shadow `existing` (RFC 6265bis §5.7 "strict secure cookies":
/// same name, a Secure existing cookie, domains matching either way, new path inside the old).
bool shadows_secure_cookie(const Cookie& candidate, const Cookie& existing);

/// Whether a cookie read from a file (cookies.json, cookies.txt) is one the storage model could
/// have made: a valid name and value, an ASCII domain that is not a public suffix unless the
/// cookie is host-only, a path starting with '/', SameSite=None only with Secure, and the prefix
/// rules. An empty code when it is.
std::error_code check_stored_cookie(const Cookie& cookie, const PublicSuffixList& suffixes);

/// The error for a cookie named `name` refused for `reason` in a response from `request`.
base::Error refusal(errc reason, std::string_view name, const RequestContext& request);

}  // namespace postern::cookies
