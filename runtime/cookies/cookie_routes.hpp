#pragma once
// The control API's cookie routes (docs/control-api.md): the jar listed, added to (a Set-Cookie
// line as a URL's server would send it), deleted from, exported and imported as cookies.txt,
// and a capture session's Set-Cookie lines replayed into it. Every change goes through the same
// RFC 6265 checks as a browser's (the jar's), and cookies.json is saved after it.
//
// Its own library (postern_cookie_routes), so postern_cookies stays free of the control API and
// the store.

#include <nlohmann/json.hpp>

#include "runtime/control/api_router.hpp"
#include "runtime/cookies/cookie.hpp"
#include "runtime/cookies/cookie_jar_service.hpp"
#include "runtime/store/capture_store.hpp"

namespace postern::cookies {

/// Cookie: {"name","value","domain","path","host_only","secure","http_only","same_site",
/// "expires" (UTC ISO 8601, or null for a session cookie),"created_at"}.
nlohmann::json cookie_json(const Cookie& cookie);

/// GET, POST and DELETE /v1/cookies, GET /v1/cookies/export and POST /v1/cookies/import, on
/// `jar` (which must outlive the router).
void add_cookie_routes(control::ApiRouter& router, CookieJarService& jar);

/// POST /v1/sessions/{id}/cookies/to-jar: the Set-Cookie lines captured in a session of
/// `store`, stored in `jar` as the server of each exchange's URL set them, oldest first.
void add_session_cookie_routes(control::ApiRouter& router, CookieJarService& jar,
                               store::CaptureStore& store);

}  // namespace postern::cookies
