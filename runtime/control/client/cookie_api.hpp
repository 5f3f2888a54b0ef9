#pragma once
// Typed calls for the runtime's cookie jar (docs/control-api.md, /v1/cookies): list, add as a
// server's Set-Cookie line would, delete, clear, and cookies.txt out and in. Answers are plain
// structs, failures CallFailures, as in CaptureApi.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/control/client/call_result.hpp"
#include "runtime/control/client/control_api.hpp"
#include "runtime/control/client/cookie_types.hpp"

namespace postern::control_client {

/// Which cookies to delete: those of `domain` and below, narrowed to `path` and `name` when
/// they are not empty.
struct CookieSelector {
  std::string domain;
  std::string path;
  std::string name;
};

/// The cookie jar over `api` (which must outlive this).
class CookieApi {
 public:
  explicit CookieApi(ControlApi& api) : api_(api) {}

  /// GET /v1/cookies: every cookie, or those of `domain` and below.
  CallResult<std::vector<Cookie>> list(const std::string& domain = "");
  /// POST /v1/cookies: stores `set_cookie` as the server of `url` would set it.
  CallResult<CookieAdded> add(const std::string& url, const std::string& set_cookie);
  /// GET /v1/cookies/header?url=...: the Cookie header the jar sends with a request to `url`.
  CallResult<std::string> header_for(const std::string& url);
  /// DELETE /v1/cookies?domain=...: how many went. An empty domain is refused here, since
  /// the API would clear the whole jar: that is clear().
  CallResult<std::int64_t> remove(const CookieSelector& which);
  /// DELETE /v1/cookies: empties the jar; how many went.
  CallResult<std::int64_t> clear();
  /// GET /v1/cookies/export as cookies.txt into `path` (0600: the cookies are credentials);
  /// the bytes written.
  CallResult<std::size_t> export_netscape(const std::filesystem::path& path);
  /// POST /v1/cookies/import with cookies.txt `text` (at most 1 MiB, the API's limit).
  CallResult<CookieImport> import_netscape(std::string text);

 private:
  ControlApi& api_;
};

}  // namespace postern::control_client
