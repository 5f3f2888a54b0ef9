#pragma once
// What `postern send` and `postern run` share: the flags that shape sending (proxy, TLS,
// redirects, cookies, timeouts) and turning them, the user's settings.json and the cookie jar
// into the requester's SendOptions.

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "base/app_paths.hpp"
#include "base/environment.hpp"
#include "base/result.hpp"
#include "runtime/auth/auth_params.hpp"
#include "runtime/requester/cookie_access.hpp"
#include "runtime/requester/request_sender.hpp"

namespace postern::cli {

struct SendFlags {
  std::optional<std::string> proxy;  ///< a proxy URL for this command only
  bool no_proxy = false;             ///< go direct whatever the settings say
  bool insecure = false;             ///< skip TLS verification (said on stderr)
  std::string cacert;                ///< a CA bundle to verify with
  double timeout_seconds = 30;
  bool no_follow = false;
  int max_redirects = 10;
  bool follow_original_method = false;
  bool location_trusted = false;  ///< send credentials to other hosts after redirects
  bool no_auth_retry = false;     ///< do not answer 401 challenges (Digest, NTLM)
  bool cookies = true;            ///< use and update the cookie jar
  bool show_secrets = false;      ///< print credentials in --verbose/--dry-run
  bool oauth2_browser = false;    ///< OAuth 2.0 code/implicit grants open the browser
};

/// Adds the flags to `command`.
void add_send_flags(CLI::App& command, SendFlags& flags);

/// SendOptions and what they point at (the cookie jar), kept alive together.
struct RequesterContext {
  requester::SendOptions options;
  std::unique_ptr<cookies::CookieJarService> jar;
  std::unique_ptr<requester::CookieAccess> cookie_access;
  base::AppPaths paths;
};

/// A chooser that resolves each URL's proxy from settings.json (system or custom proxy) and the
/// system's sources (environment, desktop, PAC); an error names a broken settings.json.
base::Result<requester::ProxyChooser> settings_proxy_chooser(const base::AppPaths& paths,
                                                             const base::Environment& env);

/// Builds the context: the proxy from --proxy/--no-proxy or settings.json (system or custom,
/// resolved per URL), TLS from --insecure/--cacert or SSL_CERT_FILE/SSL_CERT_DIR, the cookie
/// jar at <data>/cookies.json unless --no-cookies. Errors name a broken settings or jar file.
base::Result<std::unique_ptr<RequesterContext>> make_requester_context(
    const SendFlags& flags, const base::Environment& env);

}  // namespace postern::cli

namespace postern::cli {

/// An OAuth 2.0 access token for `params` that have none: the stored one, refreshed, or a new
/// grant (non-interactive unless --oauth2-browser), kept in <data>/oauth2-tokens.json.
base::Result<std::string> oauth2_access_token(const RequesterContext& context,
                                              const SendFlags& flags,
                                              const auth::AuthParams& params);

}  // namespace postern::cli
