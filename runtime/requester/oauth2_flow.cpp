// OAuth 2.0 grants end to end: oauth2_grants.hpp builds and reads, this file sends (with
// send_request), catches or follows the authorization redirect, and keeps tokens in the store.
#include "runtime/requester/oauth2_flow.hpp"

#include <algorithm>

#include "runtime/auth/request_target.hpp"
#include "runtime/auth/scheme_registry.hpp"
#include "runtime/requester/loopback_callback.hpp"
#include "runtime/requester/redirects.hpp"

namespace postern::requester {

using auth::GrantType;
using auth::oauth2_errc;
using auth::OAuth2Config;

namespace {

base::Error flow_error(oauth2_errc code, std::string message, std::string remedy = {}) {
  return base::Error{make_error_code(code), std::move(message), std::move(remedy)};
}

// Server text and transport messages may echo what was sent; the secrets never get through.
base::Error redacted(base::Error error, const OAuth2Config& config,
                     const std::string& refresh = {}) {
  const std::vector<std::string> secrets{config.client_secret, config.password, refresh};
  error.message = auth::redact_secrets(std::move(error.message), secrets);
  error.remedy = auth::redact_secrets(std::move(error.remedy), secrets);
  return error;
}

void tell(const FlowOptions& options, const std::string& text) {
  if (options.notice) options.notice(text);
}

std::string origin_of(std::string_view url) {
  auto target = auth::split_request_target(url);
  if (!target) return {};
  return target.value().scheme + "://" + auth::host_header_value(target.value());
}

// ---- the token endpoint ------------------------------------------------------------------

base::Result<TokenSet> keep(const OAuth2Config& config, TokenSet token,
                            const FlowOptions& options) {
  if (options.store) {
    auto saved = options.store->save(to_stored(config, token, options.context.unix_time()));
    if (!saved) return saved.error();
  }
  return token;
}

TokenSet token_set(const auth::TokenResponse& response, const std::string& name, std::int64_t now,
                   TokenSet::Source source) {
  TokenSet token;
  token.name = name;
  token.access_token = response.access_token;
  token.token_type = response.token_type;
  token.refresh_token = response.refresh_token;
  token.scope = response.scope;
  token.id_token = response.id_token;
  token.expires_at = response.expires_in ? now + *response.expires_in : 0;
  token.source = source;
  return token;
}

std::unique_ptr<auth::AuthScheme> no_auth(const FlowOptions& options) {
  return std::move(auth::make_auth_scheme("noauth", {}, options.context)).value();
}

// Sends a token request and reads the answer; `old_refresh` stays when none comes back (§6).
base::Result<TokenSet> exchange(const OAuth2Config& config, auth::HttpRequest request,
                                const std::string& old_refresh, TokenSet::Source source,
                                const FlowOptions& options) {
  auto scheme = no_auth(options);
  auto sent = send_request(std::move(request), *scheme, options.send);
  if (!sent) return redacted(sent.error(), config, old_refresh);
  const auto& response = sent.value().response;
  auto parsed = auth::parse_token_response(
      response.status, auth::find_header(response.headers, "Content-Type").value_or(""),
      sent.value().body);
  if (!parsed) return redacted(parsed.error(), config, old_refresh);
  TokenSet token =
      token_set(parsed.value(), token_name_for(config), options.context.unix_time(), source);
  if (token.refresh_token.empty()) token.refresh_token = old_refresh;
  if (token.scope.empty()) token.scope = config.scope;
  return token;
}

// ---- the authorization endpoint ----------------------------------------------------------

bool carries_answer(std::string_view url) {
  for (std::string_view key : {"code=", "access_token=", "error="}) {
    for (char before : {'?', '#', '&'}) {
      if (url.find(std::string(1, before) + std::string(key)) != std::string_view::npos) {
        return true;
      }
    }
  }
  return false;
}

// Without a redirect_uri the server uses the registered one: the first redirect that carries
// a code, a token or an error is the answer.
bool reaches_redirect(std::string_view location, const std::string& redirect_uri) {
  return redirect_uri.empty() ? carries_answer(location)
                              : auth::is_redirect_to(location, redirect_uri);
}

base::Error not_redirected(int status) {
  return flow_error(
      oauth2_errc::no_redirect,
      "the authorization endpoint answered HTTP " + std::to_string(status) +
          " instead of redirecting to redirect_uri (a sign-in page needs a person)",
      "in non-interactive mode the server must approve by itself: give it a session cookie or "
      "credentials in authRequestParams (send_as request_header), or run interactively");
}

// Non-interactive: GET the authorization URL and follow Location headers until one goes to
// redirect_uri, which is never requested (it may not exist). The authRequestParams headers
// go to the authorization server's origin only, never to where it redirects.
base::Result<std::string> follow_to_redirect(const auth::AuthorizationStart& start,
                                             const FlowOptions& options) {
  SendOptions send = options.send;
  send.follow_redirects = false;
  auto scheme = no_auth(options);
  const std::string auth_origin = origin_of(start.url);
  std::string url = start.url;
  for (int hop = 0; hop <= std::max(options.send.max_redirects, 10); ++hop) {
    auth::HttpRequest request{"GET", url, {}, {}};
    if (origin_of(url) == auth_origin) request.headers = start.headers;
    auto sent = send_request(std::move(request), *scheme, send);
    if (!sent) return sent.error();
    const auto& response = sent.value().response;
    auto location = auth::find_header(response.headers, "Location");
    if (!is_followed_redirect(response.status) || !location) return not_redirected(response.status);
    if (reaches_redirect(*location, start.redirect_uri)) return *location;
    auto next = resolve_location(url, *location);
    if (!next) return not_redirected(response.status);
    if (reaches_redirect(*next, start.redirect_uri)) return *next;
    url = std::move(*next);
  }
  return flow_error(oauth2_errc::no_redirect,
                    "the authorization endpoint redirected too many times without reaching "
                    "redirect_uri",
                    "check authUrl and redirect_uri");
}

struct ListenSpot {
  std::string listen_host;  // where the listener binds
  std::uint16_t port = 0;   // 0: one the OS picks
  std::string path;
  std::string uri_host;   // as the redirect_uri names it; empty: the listener's own
  bool keep_uri = false;  // the configured redirect_uri is sent unchanged
};

// A loopback http redirect_uri is honoured as configured (its port, or any port when it names
// none: RFC 8252 §7.3 has servers accept any port for loopback URIs). Anything else (an https
// page, a custom scheme, nothing) cannot reach this process, so a loopback URI on a port the OS
// picks is used instead, which the server must accept for this client.
ListenSpot listen_spot(const std::string& redirect_uri) {
  auto target = auth::split_request_target(redirect_uri);
  if (target && target.value().scheme == "http") {
    const auto& host = target.value().host;
    if (host == "127.0.0.1" || host == "localhost" || host == "::1") {
      const bool v6 = host == "::1";
      const bool fixed = target.value().explicit_port && target.value().port != 0;
      return ListenSpot{v6 ? "::1" : "127.0.0.1", fixed ? target.value().port : std::uint16_t{0},
                        target.value().path, v6 ? "[::1]" : host, fixed};
    }
  }
  return ListenSpot{"127.0.0.1", 0, "/callback", {}, false};
}

// Interactive: listen, open the browser, wait for the redirect.
base::Result<std::string> catch_redirect(const OAuth2Config& config, const FlowOptions& options,
                                         auth::AuthorizationStart& start) {
  const ListenSpot spot = listen_spot(config.redirect_uri);
  auto listener = LoopbackCallback::listen(spot.listen_host, spot.port, spot.path);
  if (!listener) return listener.error();
  auto& callback = *listener.value();
  std::string uri = callback.redirect_uri();
  if (spot.keep_uri) {
    uri = config.redirect_uri;
  } else if (!spot.uri_host.empty()) {
    uri = "http://" + spot.uri_host + ":" + std::to_string(callback.port()) + spot.path;
  }
  auto made = auth::build_authorization_request(config, uri, options.context);
  if (!made) return made.error();
  start = std::move(made).value();
  tell(options, "opening the authorization page in the browser; waiting for its redirect to " +
                    uri + "\nif no browser opens, visit: " + start.url);
  auto opened =
      options.open_browser ? options.open_browser(start.url) : open_in_system_browser(start.url);
  if (!opened) tell(options, opened.error().message + ": open the URL above yourself");
  auto caught = callback.wait(options.callback_timeout);
  if (!caught) return caught.error();
  // The listener saw the redirect_uri it serves; parse it as the configured URI.
  return uri + caught.value().substr(callback.redirect_uri().size());
}

base::Result<TokenSet> authorize(const OAuth2Config& config, const FlowOptions& options) {
  auth::AuthorizationStart start;
  base::Result<std::string> redirect = std::string();
  if (options.interactive) {
    redirect = catch_redirect(config, options, start);
  } else {
    auto made = auth::build_authorization_request(config, config.redirect_uri, options.context);
    if (!made) return made.error();
    start = std::move(made).value();
    redirect = follow_to_redirect(start, options);
  }
  if (!redirect) return redacted(redirect.error(), config);
  auto answer = auth::parse_authorization_redirect(redirect.value(), config.grant, start.state);
  if (!answer) return redacted(answer.error(), config);
  if (answer.value().token) {
    return token_set(*answer.value().token, token_name_for(config), options.context.unix_time(),
                     TokenSet::Source::fetched);
  }
  return exchange(config,
                  auth::authorization_code_token_request(config, answer.value().code,
                                                         start.redirect_uri, start.code_verifier),
                  {}, TokenSet::Source::fetched, options);
}

bool same_issuer(const StoredToken& stored, const OAuth2Config& config) {
  return stored.token_url == config.access_token_url && stored.client_id == config.client_id;
}

TokenSet from_store(const StoredToken& stored) {
  return TokenSet{stored.name,  stored.access_token, stored.token_type, stored.refresh_token,
                  stored.scope, stored.id_token,     stored.expires_at, TokenSet::Source::stored};
}

}  // namespace

StoredToken to_stored(const OAuth2Config& config, const TokenSet& token, std::int64_t now) {
  StoredToken stored;
  stored.name = token.name;
  stored.access_token = token.access_token;
  stored.refresh_token = token.refresh_token;
  stored.token_type = token.token_type;
  stored.scope = token.scope;
  stored.id_token = token.id_token;
  stored.grant_type = std::string(auth::grant_type_name(config.grant));
  stored.token_url = config.access_token_url;
  stored.refresh_url = config.refresh_token_url;
  stored.client_id = config.client_id;
  stored.created_at = now;
  stored.expires_at = token.expires_at;
  stored.last_used_at = now;
  return stored;
}

std::string token_name_for(const OAuth2Config& config) {
  if (!config.token_name.empty()) return config.token_name;
  const std::string url =
      config.access_token_url.empty() ? config.auth_url : config.access_token_url;
  auto target = auth::split_request_target(url);
  return (config.client_id.empty() ? config.username : config.client_id) + "@" +
         (target ? auth::host_header_value(target.value()) : std::string("oauth2"));
}

base::Result<TokenSet> fetch_token(const OAuth2Config& config, const FlowOptions& options) {
  base::Result<TokenSet> token = TokenSet{};
  switch (config.grant) {
    case GrantType::client_credentials:
      token = exchange(config, auth::client_credentials_token_request(config), {},
                       TokenSet::Source::fetched, options);
      break;
    case GrantType::password_credentials:
      token = exchange(config, auth::password_token_request(config), {}, TokenSet::Source::fetched,
                       options);
      break;
    default:
      token = authorize(config, options);
      break;
  }
  if (!token) return token.error();
  return keep(config, std::move(token).value(), options);
}

base::Result<TokenSet> refresh_token(const OAuth2Config& config, const std::string& name,
                                     const std::string& refresh_token, const FlowOptions& options) {
  if (refresh_token.empty()) {
    return flow_error(oauth2_errc::cannot_refresh,
                      "the token \"" + name + "\" came without a refresh token",
                      "get a new one with `postern oauth2 token get`");
  }
  auto token = exchange(config, auth::refresh_token_request(config, refresh_token), refresh_token,
                        TokenSet::Source::refreshed, options);
  if (!token) return token.error();
  token.value().name = name;
  return keep(config, std::move(token).value(), options);
}

base::Result<TokenSet> refresh_stored_token(std::string_view name, const std::string& client_secret,
                                            auth::ClientAuth client_auth,
                                            const FlowOptions& options) {
  if (!options.store) {
    return flow_error(oauth2_errc::no_such_token, "there is no token store to refresh from");
  }
  auto found = options.store->find(name);
  if (!found) return found.error();
  if (!found.value()) {
    return flow_error(oauth2_errc::no_such_token,
                      "no OAuth 2.0 token is named \"" + std::string(name) + "\"",
                      "see the stored tokens with `postern oauth2 token list`");
  }
  const StoredToken& stored = *found.value();
  OAuth2Config config;
  auto grant = auth::parse_grant_type(stored.grant_type);
  config.grant = grant ? grant.value() : GrantType::client_credentials;
  config.access_token_url = stored.token_url;
  config.refresh_token_url = stored.refresh_url;
  config.client_id = stored.client_id;
  config.client_secret = client_secret;
  config.client_auth = client_auth;
  config.scope = stored.scope;
  config.token_name = stored.name;
  return refresh_token(config, stored.name, stored.refresh_token, options);
}

base::Result<TokenSet> obtain_token(const auth::AuthParams& oauth2_params,
                                    const FlowOptions& options) {
  if (oauth2_params.has("accessToken")) {
    TokenSet given;
    given.access_token = oauth2_params.text("accessToken");
    given.token_type = oauth2_params.text("tokenType", "Bearer");
    given.source = TokenSet::Source::given;
    return given;
  }
  auto config = auth::oauth2_config_from_params(oauth2_params);
  if (!config) return config.error();
  const OAuth2Config& c = config.value();
  if (options.store && options.reuse_stored) {
    auto found = options.store->find(token_name_for(c));
    if (!found) return found.error();
    if (found.value() && same_issuer(*found.value(), c)) {
      const StoredToken& stored = *found.value();
      const std::int64_t now = options.context.unix_time();
      if (!stored.expired(now, options.expiry_margin)) {
        (void)options.store->mark_used(stored.name, now);  // only bookkeeping
        return from_store(stored);
      }
      if (c.auto_refresh && !stored.refresh_token.empty()) {
        auto refreshed = refresh_token(c, stored.name, stored.refresh_token, options);
        if (refreshed) return refreshed;
        tell(options, "refreshing \"" + stored.name + "\" failed (" + refreshed.error().message +
                          "); getting a new token");
      }
    }
  }
  return fetch_token(c, options);
}

auth::AuthParams with_access_token(auth::AuthParams params, const TokenSet& token) {
  params.set("accessToken", token.access_token);
  return params;
}

}  // namespace postern::requester
