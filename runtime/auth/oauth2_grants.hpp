#pragma once
// OAuth 2.0, getting tokens (RFC 6749), sans I/O: the settings read from Postman's oauth2 keys,
// the authorization URL, the token request of each grant with its client authentication, and
// the parsers of what comes back (token responses, the authorization redirect). Nothing here
// sends or listens: runtime/requester/oauth2_flow.cpp does, so every step is testable with the
// RFCs' own examples and fuzzable.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "base/result.hpp"
#include "runtime/auth/auth_scheme.hpp"
#include "runtime/auth/pkce.hpp"

namespace postern::auth {

/// Why a token could not be had; the message names the step and the server's error code.
enum class oauth2_errc {
  token_error = 1,      ///< the token endpoint answered an RFC 6749 §5.2 error (invalid_client...)
  bad_token_response,   ///< the token endpoint's answer is not a token response
  authorization_error,  ///< the redirect carried an error (access_denied...) (§4.1.2.1)
  state_mismatch,       ///< the redirect's state is not the one sent: a possible CSRF
  bad_redirect,         ///< the redirect carried neither code nor token
  no_redirect,          ///< the authorization server never redirected to redirect_uri
  callback_timeout,     ///< the browser did not come back to the loopback listener in time
  store_corrupt,        ///< the token store file cannot be read; it is left untouched
  no_such_token,        ///< no stored token has that name
  cannot_refresh,       ///< no refresh token, or the grant cannot run without a person
};
const std::error_category& oauth2_category();
std::error_code make_error_code(oauth2_errc e);
/// An Error with `code` (the three oauth2_*.cpp files share it).
base::Error oauth2_error(oauth2_errc code, std::string message, std::string remedy = {});

/// Postman's grant_type values.
enum class GrantType {
  authorization_code,
  authorization_code_with_pkce,
  implicit,
  password_credentials,
  client_credentials,
};
base::Result<GrantType> parse_grant_type(std::string_view text);
std::string_view grant_type_name(GrantType grant);
/// Grants that need the resource owner at an authorization endpoint (a browser).
bool needs_authorization(GrantType grant);

/// client_authentication: HTTP Basic (RFC 6749 §2.3.1, the default) or in the body.
enum class ClientAuth { header, body };

/// One of Postman's authRequestParams / tokenRequestParams / refreshRequestParams rows.
struct ExtraParam {
  enum class SendAs { body, header, url };
  std::string key;
  std::string value;
  SendAs send_as = SendAs::body;
};

/// Reads such a list from its JSON text, as a collection carries it:
/// [{"key":"audience","value":"x","enabled":true,"send_as":"request_body"}]. Disabled rows are
/// skipped; "" is an empty list; `name` names the parameter in errors.
base::Result<std::vector<ExtraParam>> parse_extra_params(std::string_view json_text,
                                                         std::string_view name);

/// Everything a grant needs, from Postman's oauth2 keys (docs/auth/oauth2.md lists them).
struct OAuth2Config {
  GrantType grant = GrantType::client_credentials;
  std::string token_name;         ///< tokenName
  std::string auth_url;           ///< authUrl
  std::string access_token_url;   ///< accessTokenUrl
  std::string refresh_token_url;  ///< refreshTokenUrl; empty: accessTokenUrl
  std::string client_id;          ///< clientId
  std::string client_secret;      ///< clientSecret (a secret: never in messages)
  std::string scope;              ///< space-separated
  std::string state;              ///< empty: a random one per authorization
  std::string redirect_uri;       ///< redirect_uri (Postman's Callback URL)
  std::string username;           ///< password grant
  std::string password;           ///< password grant (a secret)
  std::string code_verifier;      ///< empty: a random one
  std::string resource;           ///< RFC 8707
  std::string audience;           ///< Auth0 and others
  std::string origin;             ///< sent as the Origin header of token requests
  ClientAuth client_auth = ClientAuth::header;
  PkceMethod pkce_method = PkceMethod::s256;
  bool use_browser = false;  ///< useBrowser
  bool auto_refresh = true;  ///< autoRefresh: refresh an expired stored token
  std::vector<ExtraParam> auth_request_params;
  std::vector<ExtraParam> token_request_params;
  std::vector<ExtraParam> refresh_request_params;

  bool uses_pkce() const { return grant == GrantType::authorization_code_with_pkce; }
  const std::string& refresh_url() const {
    return refresh_token_url.empty() ? access_token_url : refresh_token_url;
  }
};

/// The config for `params`, checked for what its grant needs (URLs, client id, username).
base::Result<OAuth2Config> oauth2_config_from_params(const AuthParams& params);

/// The authorization request (RFC 6749 §4.1.1 / §4.2.1) and what the client must remember.
struct AuthorizationStart {
  std::string url;              ///< authUrl with response_type, client_id, ... in its query
  std::string redirect_uri;     ///< as sent; the redirect is caught there
  std::string state;            ///< to compare with the redirect's
  std::string code_verifier;    ///< PKCE only: sent later with the code
  std::vector<Header> headers;  ///< authRequestParams sent as headers (non-interactive only)
};

/// Builds the authorization URL for a code or implicit grant: a state is made when none is
/// configured, and a verifier for PKCE when none is.
base::Result<AuthorizationStart> build_authorization_request(const OAuth2Config& config,
                                                             std::string redirect_uri,
                                                             const AuthContext& context);

/// application/x-www-form-urlencoded encoding of one name or value ('+' for space, RFC 6749
/// Appendix B), also used on the client id and secret before Basic (§2.3.1).
std::string form_urlencode(std::string_view text);

/// The Authorization value "Basic base64(urlencode(id):urlencode(secret))" (RFC 6749 §2.3.1).
std::string client_basic_credentials(std::string_view client_id, std::string_view secret);

/// Token requests (POST, form-encoded, Accept: application/json), with client authentication
/// and tokenRequestParams applied. The code grant sends the code, redirect_uri and verifier.
HttpRequest authorization_code_token_request(const OAuth2Config& config, std::string_view code,
                                             std::string_view redirect_uri,
                                             std::string_view code_verifier);
HttpRequest password_token_request(const OAuth2Config& config);
HttpRequest client_credentials_token_request(const OAuth2Config& config);
/// The refresh (RFC 6749 §6) to refreshTokenUrl (or accessTokenUrl), with refreshRequestParams.
HttpRequest refresh_token_request(const OAuth2Config& config, std::string_view refresh_token);

/// A token response (RFC 6749 §5.1), as JSON or form-encoded (GitHub's default).
struct TokenResponse {
  std::string access_token;
  std::string token_type;  ///< "Bearer" when the server left it out
  std::string refresh_token;
  std::string scope;
  std::string id_token;                    ///< OpenID Connect, kept for the user
  std::optional<std::int64_t> expires_in;  ///< seconds
};

/// Reads a token endpoint's answer. A §5.2 error (in any status) or a non-2xx is an
/// oauth2_errc::token_error naming error and error_description; anything else without an
/// access_token is bad_token_response. Response bodies are never quoted in messages.
base::Result<TokenResponse> parse_token_response(int status, std::string_view content_type,
                                                 std::string_view body);

/// What the authorization endpoint's redirect brought back.
struct AuthorizationResponse {
  std::string code;                    ///< code grants
  std::optional<TokenResponse> token;  ///< implicit grant (from the fragment)
};

/// Reads the redirect to redirect_uri: the code from the query (or the fragment), the implicit
/// token from the fragment. An `error` parameter is authorization_error; a state other than
/// `expected_state` (when one was sent) is state_mismatch.
base::Result<AuthorizationResponse> parse_authorization_redirect(std::string_view url,
                                                                 GrantType grant,
                                                                 std::string_view expected_state);

/// Does `url` go to `redirect_uri` (same scheme, host, port and path; query and fragment
/// aside)? The non-interactive walk stops at the first Location that does.
bool is_redirect_to(std::string_view url, std::string_view redirect_uri);

/// `text` with every non-empty `secrets` replaced by "***", as written, percent-encoded and
/// form-encoded (a query or body quoting it), for messages and logs.
std::string redact_secrets(std::string text, std::vector<std::string> secrets);

}  // namespace postern::auth

template <>
struct std::is_error_code_enum<postern::auth::oauth2_errc> : std::true_type {};
