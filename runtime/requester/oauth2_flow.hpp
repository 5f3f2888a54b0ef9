#pragma once
// OAuth 2.0 grants run end to end with send_request: client credentials, password,
// authorization code (with PKCE) and implicit, refresh, and the token store. For the code and
// implicit grants there are two ways to get past the authorization endpoint:
//  - interactive: a loopback listener (loopback_callback.hpp) catches the redirect after the
//    user signed in in the system browser;
//  - non-interactive: the requester follows the endpoint's redirects itself, for servers that
//    approve without a person (a session cookie or credentials in authRequestParams); this is
//    what `postern run` uses.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "runtime/auth/auth_params.hpp"
#include "runtime/auth/oauth2_grants.hpp"
#include "runtime/requester/oauth2_token_store.hpp"
#include "runtime/requester/request_sender.hpp"

namespace postern::requester {

/// Opens a URL in a browser; tests inject one that performs the redirect themselves.
using BrowserLauncher = std::function<base::Status_or_error(const std::string& url)>;

struct FlowOptions {
  SendOptions send;          ///< proxy, TLS, timeouts, cookies (the non-interactive walk uses them)
  bool interactive = false;  ///< browser + loopback listener; false: follow redirects itself
  BrowserLauncher open_browser;  ///< empty: open_in_system_browser
  /// Told what is happening ("opening <auth URL> in the browser"); never given a secret.
  std::function<void(const std::string&)> notice;
  std::chrono::milliseconds callback_timeout{std::chrono::minutes(5)};
  TokenStore* store = nullptr;      ///< nullptr: nothing is reused or kept
  bool reuse_stored = true;         ///< false: always run the grant (`oauth2 token get`)
  std::int64_t expiry_margin = 30;  ///< seconds: a token this close to expiry is refreshed
  auth::AuthContext context = auth::system_context();
};

/// A usable token and where it came from.
struct TokenSet {
  enum class Source { given, stored, refreshed, fetched };
  std::string name;  ///< its name in the store
  std::string access_token;
  std::string token_type;
  std::string refresh_token;
  std::string scope;
  std::string id_token;
  std::int64_t expires_at = 0;  ///< unix seconds; 0: no expiry given
  Source source = Source::fetched;
};

/// The API `postern run` calls for a request with oauth2 auth: a usable access token for
/// `oauth2_params` (Postman's oauth2 keys). In order: accessToken when set; the stored token
/// named tokenName (issued by the same accessTokenUrl to the same clientId) while it has not
/// expired; that token refreshed when it has expired and has a refresh token (autoRefresh);
/// else the grant is run (non-interactively unless options.interactive) and its token stored.
base::Result<TokenSet> obtain_token(const auth::AuthParams& oauth2_params,
                                    const FlowOptions& options);

/// Runs the grant of `config` now, stores the token (when options.store), and returns it.
base::Result<TokenSet> fetch_token(const auth::OAuth2Config& config, const FlowOptions& options);

/// Refreshes with `refresh_token` (RFC 6749 §6) and stores the result under `name`. A server
/// that sends no new refresh token leaves the old one in use.
base::Result<TokenSet> refresh_token(const auth::OAuth2Config& config, const std::string& name,
                                     const std::string& refresh_token, const FlowOptions& options);

/// Refreshes the stored token `name`, with what the store kept (token URL, client id) and the
/// client secret, which the store never keeps.
base::Result<TokenSet> refresh_stored_token(std::string_view name, const std::string& client_secret,
                                            auth::ClientAuth client_auth,
                                            const FlowOptions& options);

/// The store name of config's token: tokenName, else "<clientId>@<token URL host>".
std::string token_name_for(const auth::OAuth2Config& config);

/// `params` with accessToken set to `token`'s, ready for make_auth_scheme("oauth2", ...).
auth::AuthParams with_access_token(auth::AuthParams params, const TokenSet& token);

/// `token` as the store keeps it (created `now`): the grant, the token URL and the client id
/// with it, never the client secret.
StoredToken to_stored(const auth::OAuth2Config& config, const TokenSet& token, std::int64_t now);

}  // namespace postern::requester
