// OAuth 2.0 requests, sans I/O: the authorization URL (with PKCE) and the token requests of
// every grant, with client authentication by Basic header or in the body (RFC 6749 §2.3.1).
#include "runtime/auth/oauth2_grants.hpp"

#include "base/url.hpp"
#include "runtime/auth/crypto.hpp"
#include "runtime/auth/errc.hpp"
#include "runtime/auth/request_target.hpp"

namespace postern::auth {

using Form = std::vector<std::pair<std::string, std::string>>;

// ---- requests ----------------------------------------------------------------------------

std::string form_urlencode(std::string_view text) {
  // percent_encode writes a space as %20; the form encoding writes '+' (HTML's algorithm).
  const std::string encoded = percent_encode(text);
  std::string result;
  for (std::size_t i = 0; i < encoded.size(); ++i) {
    if (encoded.compare(i, 3, "%20") == 0) {
      result += '+';
      i += 2;
    } else {
      result += encoded[i];
    }
  }
  return result;
}

std::string client_basic_credentials(std::string_view client_id, std::string_view secret) {
  return "Basic " + base64_encode(form_urlencode(client_id) + ":" + form_urlencode(secret));
}

namespace {

std::string encode_form(const Form& form) {
  std::string body;
  for (const auto& [name, value] : form) {
    if (!body.empty()) body += '&';
    body += form_urlencode(name) + "=" + form_urlencode(value);
  }
  return body;
}

void add_if(Form& form, const char* name, const std::string& value) {
  if (!value.empty()) form.emplace_back(name, value);
}

void apply_extras(HttpRequest& request, Form& form, const std::vector<ExtraParam>& extras) {
  for (const ExtraParam& extra : extras) {
    switch (extra.send_as) {
      case ExtraParam::SendAs::body:
        form.emplace_back(extra.key, extra.value);
        break;
      case ExtraParam::SendAs::header:
        set_header(request.headers, extra.key, extra.value);
        break;
      case ExtraParam::SendAs::url:
        request.url = append_query(request.url,
                                   percent_encode(extra.key) + "=" + percent_encode(extra.value));
        break;
    }
  }
}

// A confidential client authenticates with Basic (the method servers MUST support, §2.3.1) or
// in the body; a public client (no secret) only names itself with client_id (§3.2.1), since
// "Basic id:" with an empty password is refused by many servers.
void apply_client_auth(const OAuth2Config& config, HttpRequest& request, Form& form) {
  if (config.client_id.empty()) return;
  if (config.client_auth == ClientAuth::header && !config.client_secret.empty()) {
    set_header(request.headers, "Authorization",
               client_basic_credentials(config.client_id, config.client_secret));
    return;
  }
  form.emplace_back("client_id", config.client_id);
  add_if(form, "client_secret", config.client_secret);
}

HttpRequest token_request(const OAuth2Config& config, const std::string& url, Form form,
                          const std::vector<ExtraParam>& extras) {
  HttpRequest request{"POST", url, {}, {}};
  apply_client_auth(config, request, form);
  add_if(form, "resource", config.resource);
  add_if(form, "audience", config.audience);
  apply_extras(request, form, extras);
  set_header(request.headers, "Content-Type", "application/x-www-form-urlencoded");
  set_header(request.headers, "Accept", "application/json");
  if (!config.origin.empty()) set_header(request.headers, "Origin", config.origin);
  request.body = encode_form(form);
  return request;
}

void add_query(std::string& url, std::string_view name, std::string_view value) {
  if (!value.empty()) url = append_query(url, std::string(name) + "=" + percent_encode(value));
}

}  // namespace

base::Result<AuthorizationStart> build_authorization_request(const OAuth2Config& config,
                                                             std::string redirect_uri,
                                                             const AuthContext& context) {
  if (!needs_authorization(config.grant)) {
    return bad_parameter("oauth2", "grant_type", "has no authorization step");
  }
  AuthorizationStart start;
  start.redirect_uri = std::move(redirect_uri);
  // A state the user did not set is still sent: it is the client's CSRF defence (§10.12).
  start.state = config.state.empty() ? base64url_encode(context.random_bytes(16)) : config.state;
  std::string url = config.auth_url;
  add_query(url, "response_type", config.grant == GrantType::implicit ? "token" : "code");
  add_query(url, "client_id", config.client_id);
  add_query(url, "redirect_uri", start.redirect_uri);
  add_query(url, "scope", config.scope);
  add_query(url, "state", start.state);
  if (config.uses_pkce()) {
    start.code_verifier =
        config.code_verifier.empty() ? make_code_verifier(context) : config.code_verifier;
    add_query(url, "code_challenge", code_challenge(start.code_verifier, config.pkce_method));
    add_query(url, "code_challenge_method", pkce_method_name(config.pkce_method));
  }
  add_query(url, "resource", config.resource);
  add_query(url, "audience", config.audience);
  for (const ExtraParam& extra : config.auth_request_params) {
    if (extra.send_as == ExtraParam::SendAs::header) {
      start.headers.push_back({extra.key, extra.value});
    } else {
      url = append_query(url, percent_encode(extra.key) + "=" + percent_encode(extra.value));
    }
  }
  start.url = std::move(url);
  return start;
}

HttpRequest authorization_code_token_request(const OAuth2Config& config, std::string_view code,
                                             std::string_view redirect_uri,
                                             std::string_view code_verifier) {
  Form form{{"grant_type", "authorization_code"}, {"code", std::string(code)}};
  add_if(form, "redirect_uri", std::string(redirect_uri));
  add_if(form, "code_verifier", std::string(code_verifier));
  return token_request(config, config.access_token_url, std::move(form),
                       config.token_request_params);
}

HttpRequest password_token_request(const OAuth2Config& config) {
  Form form{
      {"grant_type", "password"}, {"username", config.username}, {"password", config.password}};
  add_if(form, "scope", config.scope);
  return token_request(config, config.access_token_url, std::move(form),
                       config.token_request_params);
}

HttpRequest client_credentials_token_request(const OAuth2Config& config) {
  Form form{{"grant_type", "client_credentials"}};
  add_if(form, "scope", config.scope);
  return token_request(config, config.access_token_url, std::move(form),
                       config.token_request_params);
}

HttpRequest refresh_token_request(const OAuth2Config& config, std::string_view refresh_token) {
  // No scope: an omitted scope means the one originally granted (§6), never a wider one.
  Form form{{"grant_type", "refresh_token"}, {"refresh_token", std::string(refresh_token)}};
  return token_request(config, config.refresh_url(), std::move(form),
                       config.refresh_request_params);
}

}  // namespace postern::auth
