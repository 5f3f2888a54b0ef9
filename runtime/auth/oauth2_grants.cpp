// OAuth 2.0 grants, sans I/O (RFC 6749, RFC 7636, RFC 8707). Only builds requests and reads
// answers; runtime/requester/oauth2_flow.cpp sends them.
#include "runtime/auth/oauth2_grants.hpp"

#include <nlohmann/json.hpp>

#include "base/url.hpp"
#include "runtime/auth/crypto.hpp"
#include "runtime/auth/errc.hpp"
#include "runtime/auth/request_target.hpp"

namespace postern::auth {

using nlohmann::json;
using Form = std::vector<std::pair<std::string, std::string>>;

// ---- errors ------------------------------------------------------------------------------

namespace {

class OAuth2Category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "postern.oauth2"; }
  std::string message(int value) const override {
    switch (static_cast<oauth2_errc>(value)) {
      case oauth2_errc::token_error:
        return "the token endpoint refused the request";
      case oauth2_errc::bad_token_response:
        return "the token endpoint's answer is not a token";
      case oauth2_errc::authorization_error:
        return "the authorization server refused";
      case oauth2_errc::state_mismatch:
        return "the redirect's state does not match";
      case oauth2_errc::bad_redirect:
        return "the redirect carried neither code nor token";
      case oauth2_errc::no_redirect:
        return "the authorization server did not redirect back";
      case oauth2_errc::callback_timeout:
        return "the browser did not come back in time";
      case oauth2_errc::store_corrupt:
        return "the token store cannot be read";
      case oauth2_errc::no_such_token:
        return "no stored token has that name";
      case oauth2_errc::cannot_refresh:
        return "the token cannot be refreshed";
    }
    return "unknown OAuth 2.0 error";
  }
};

base::Error oauth2_error(oauth2_errc code, std::string message, std::string remedy = {}) {
  return base::Error{make_error_code(code), std::move(message), std::move(remedy)};
}

}  // namespace

const std::error_category& oauth2_category() {
  static const OAuth2Category category;
  return category;
}

std::error_code make_error_code(oauth2_errc e) {
  return {static_cast<int>(e), oauth2_category()};
}

// ---- settings ----------------------------------------------------------------------------

namespace {

constexpr std::pair<GrantType, std::string_view> kGrantNames[] = {
    {GrantType::authorization_code, "authorization_code"},
    {GrantType::authorization_code_with_pkce, "authorization_code_with_pkce"},
    {GrantType::implicit, "implicit"},
    {GrantType::password_credentials, "password_credentials"},
    {GrantType::client_credentials, "client_credentials"},
};

base::Status_or_error check_url(const AuthParams& params, std::string_view key, bool required) {
  if (!params.has(key)) {
    if (!required) return base::Ok{};
    return params.required(key, "oauth2").error();
  }
  if (!split_request_target(params.text(key))) {
    return bad_parameter("oauth2", key, "must be an absolute http:// or https:// URL");
  }
  return base::Ok{};
}

// Which keys each grant cannot do without (RFC 6749 §4.1-§4.4).
base::Status_or_error check_required(const AuthParams& params, GrantType grant) {
  const bool authorizes = needs_authorization(grant);
  for (auto checked : {check_url(params, "authUrl", authorizes),
                       check_url(params, "accessTokenUrl", grant != GrantType::implicit),
                       check_url(params, "refreshTokenUrl", false)}) {
    if (!checked) return checked;
  }
  if (grant != GrantType::password_credentials && !params.has("clientId")) {
    return params.required("clientId", "oauth2").error();
  }
  if (grant == GrantType::password_credentials && !params.has("username")) {
    return params.required("username", "oauth2").error();
  }
  return base::Ok{};
}

base::Result<ClientAuth> parse_client_auth(std::string_view text) {
  if (text == "header" || text == "basic") return ClientAuth::header;
  if (text == "body") return ClientAuth::body;
  return bad_parameter("oauth2", "client_authentication", "must be \"header\" or \"body\"");
}

base::Status_or_error read_lists(const AuthParams& params, OAuth2Config& config) {
  const std::pair<const char*, std::vector<ExtraParam>*> lists[] = {
      {"authRequestParams", &config.auth_request_params},
      {"tokenRequestParams", &config.token_request_params},
      {"refreshRequestParams", &config.refresh_request_params}};
  for (const auto& [key, target] : lists) {
    auto parsed = parse_extra_params(params.text(key), key);
    if (!parsed) return parsed.error();
    *target = std::move(parsed).value();
  }
  return base::Ok{};
}

void read_texts(const AuthParams& params, OAuth2Config& config) {
  config.token_name = params.text("tokenName");
  config.auth_url = params.text("authUrl");
  config.access_token_url = params.text("accessTokenUrl");
  config.refresh_token_url = params.text("refreshTokenUrl");
  config.client_id = params.text("clientId");
  config.client_secret = params.text("clientSecret");
  config.scope = params.text("scope");
  config.state = params.text("state");
  config.redirect_uri = params.text("redirect_uri");
  config.username = params.text("username");
  config.password = params.text("password");
  config.code_verifier = params.text("code_verifier");
  config.resource = params.text("resource");
  config.audience = params.text("audience");
  config.origin = params.text("origin");
  config.use_browser = params.flag("useBrowser");
  config.auto_refresh = params.flag("autoRefresh", true);
}

}  // namespace

base::Result<GrantType> parse_grant_type(std::string_view text) {
  for (const auto& [grant, name] : kGrantNames) {
    if (name == text) return grant;
  }
  return bad_parameter("oauth2", "grant_type",
                       "must be authorization_code, authorization_code_with_pkce, implicit, "
                       "password_credentials or client_credentials");
}

std::string_view grant_type_name(GrantType grant) {
  for (const auto& [known, name] : kGrantNames) {
    if (known == grant) return name;
  }
  return "unknown";
}

bool needs_authorization(GrantType grant) {
  return grant == GrantType::authorization_code ||
         grant == GrantType::authorization_code_with_pkce || grant == GrantType::implicit;
}

base::Result<std::vector<ExtraParam>> parse_extra_params(std::string_view json_text,
                                                         std::string_view name) {
  std::vector<ExtraParam> out;
  if (json_text.empty()) return out;
  const json rows = json::parse(json_text, nullptr, false);
  if (!rows.is_array()) return bad_parameter("oauth2", name, "must be a JSON array of rows");
  for (const json& row : rows) {
    if (!row.is_object() || !row.contains("key") || !row["key"].is_string()) {
      return bad_parameter("oauth2", name, "has a row without a \"key\" string");
    }
    if (row.contains("enabled") && row["enabled"].is_boolean() && !row["enabled"].get<bool>()) {
      continue;
    }
    ExtraParam param;
    param.key = row["key"].get<std::string>();
    if (row.contains("value")) {
      const json& value = row["value"];
      param.value = value.is_string() ? value.get<std::string>() : value.dump();
    }
    const std::string send_as = row.value("send_as", std::string("request_body"));
    if (send_as == "request_header") {
      param.send_as = ExtraParam::SendAs::header;
    } else if (send_as == "request_url") {
      param.send_as = ExtraParam::SendAs::url;
    } else if (send_as != "request_body") {
      return bad_parameter("oauth2", name,
                           "send_as must be request_body, request_header or request_url");
    }
    out.push_back(std::move(param));
  }
  return out;
}

base::Result<OAuth2Config> oauth2_config_from_params(const AuthParams& params) {
  OAuth2Config config;
  auto grant = parse_grant_type(params.text("grant_type", "authorization_code"));
  if (!grant) return grant.error();
  config.grant = grant.value();
  if (auto checked = check_required(params, config.grant); !checked) return checked.error();
  auto client_auth = parse_client_auth(params.text("client_authentication", "header"));
  if (!client_auth) return client_auth.error();
  config.client_auth = client_auth.value();
  auto method = parse_pkce_method(params.text("challengeAlgorithm", "S256"));
  if (!method) return method.error();
  config.pkce_method = method.value();
  read_texts(params, config);
  if (!config.code_verifier.empty() && !valid_code_verifier(config.code_verifier)) {
    return bad_parameter("oauth2", "code_verifier",
                         "must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1)");
  }
  if (auto lists = read_lists(params, config); !lists) return lists.error();
  return config;
}

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

// ---- answers -----------------------------------------------------------------------------

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

Fields decode_form(std::string_view text) {
  Fields fields;
  for (auto& [name, value] : split_query(text)) {
    if (!name.empty()) fields.emplace_back(base::form_decode(name), base::form_decode(value));
  }
  return fields;
}

std::optional<std::string> field(const Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return std::nullopt;
}

// JSON members as text: strings as they are, numbers written out (expires_in may be either).
std::optional<Fields> decode_json(std::string_view body) {
  const json document = json::parse(body, nullptr, false);
  if (!document.is_object()) return std::nullopt;
  Fields fields;
  for (const auto& [key, value] : document.items()) {
    if (value.is_string()) {
      fields.emplace_back(key, value.get<std::string>());
    } else if (value.is_number_integer() || value.is_number_unsigned()) {
      fields.emplace_back(key, std::to_string(value.get<std::int64_t>()));
    } else if (value.is_number_float()) {
      fields.emplace_back(key, std::to_string(static_cast<std::int64_t>(value.get<double>())));
    }
  }
  return fields;
}

// error_description is server text: keep RFC 6749's allowed characters only, and not much of
// it, so a hostile server cannot write terminal escapes or pages into our messages.
std::string printable(std::string_view text, std::size_t limit = 200) {
  std::string out;
  for (char c : text) {
    if (out.size() >= limit) {
      out += "...";
      break;
    }
    if (c >= 0x20 && c <= 0x7E) out += c;
  }
  return out;
}

std::string remedy_for(std::string_view error) {
  if (error == "invalid_client") {
    return "check clientId and clientSecret, and client_authentication (header or body): "
           "servers accept one of them";
  }
  if (error == "invalid_grant") {
    return "the code, refresh token or password was refused or has expired: get a new token";
  }
  if (error == "invalid_scope") return "check scope against what the client may ask for";
  if (error == "unsupported_grant_type" || error == "unauthorized_client") {
    return "this client is not allowed this grant: check grant_type";
  }
  if (error == "access_denied") return "the resource owner (or the server) refused access";
  return {};
}

base::Error server_error(oauth2_errc code, std::string_view who, const Fields& fields) {
  const std::string error = printable(field(fields, "error").value_or(""), 64);
  std::string message = std::string(who) + " answered " + error;
  if (auto description = field(fields, "error_description"); description && !description->empty()) {
    message += " (" + printable(*description) + ")";
  }
  return oauth2_error(code, std::move(message), remedy_for(error));
}

std::optional<std::int64_t> parse_seconds(const std::optional<std::string>& text) {
  if (!text || text->empty() || text->size() > 12) return std::nullopt;
  std::int64_t value = 0;
  for (char c : *text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

base::Result<TokenResponse> token_from(const Fields& fields, std::string_view who) {
  TokenResponse token;
  token.access_token = field(fields, "access_token").value_or("");
  if (token.access_token.empty()) {
    return oauth2_error(oauth2_errc::bad_token_response,
                        std::string(who) + " answered without an access_token",
                        "check the token URL: it should be the server's token endpoint");
  }
  token.token_type = field(fields, "token_type").value_or("");
  if (token.token_type.empty()) token.token_type = "Bearer";
  token.refresh_token = field(fields, "refresh_token").value_or("");
  token.scope = field(fields, "scope").value_or("");
  token.id_token = field(fields, "id_token").value_or("");
  token.expires_in = parse_seconds(field(fields, "expires_in"));
  return token;
}

bool contains_ignoring_case(std::string_view text, std::string_view part) {
  if (part.size() > text.size()) return false;
  for (std::size_t i = 0; i + part.size() <= text.size(); ++i) {
    if (equals_ignoring_case(text.substr(i, part.size()), part)) return true;
  }
  return false;
}

}  // namespace

base::Result<TokenResponse> parse_token_response(int status, std::string_view content_type,
                                                 std::string_view body) {
  constexpr std::string_view who = "the token endpoint";
  const auto first = body.find_first_not_of(" \t\r\n");
  const bool looks_json = contains_ignoring_case(content_type, "json") ||
                          (first != std::string_view::npos && body[first] == '{');
  std::optional<Fields> fields = looks_json ? decode_json(body) : decode_form(body);
  if (fields && field(*fields, "error")) {
    return server_error(oauth2_errc::token_error, who, *fields);
  }
  if (status < 200 || status > 299) {
    return oauth2_error(oauth2_errc::token_error,
                        std::string(who) + " answered HTTP " + std::to_string(status) +
                            " without an OAuth 2.0 error",
                        "check accessTokenUrl; run with --verbose to see the exchange");
  }
  if (!fields) {
    return oauth2_error(oauth2_errc::bad_token_response,
                        std::string(who) + " answered with a body that is not JSON");
  }
  return token_from(*fields, who);
}

base::Result<AuthorizationResponse> parse_authorization_redirect(std::string_view url,
                                                                 GrantType grant,
                                                                 std::string_view expected_state) {
  const auto hash = url.find('#');
  const std::string_view fragment = hash == std::string_view::npos ? "" : url.substr(hash + 1);
  const std::string_view before = url.substr(0, hash);
  const auto question = before.find('?');
  const std::string_view query =
      question == std::string_view::npos ? "" : before.substr(question + 1);
  // The code comes in the query, the implicit token in the fragment (§4.1.2, §4.2.2); servers
  // with response_mode=fragment/query swap them, so the other part is read when one is empty.
  const bool implicit = grant == GrantType::implicit;
  Fields fields = decode_form(implicit ? fragment : query);
  if (fields.empty()) fields = decode_form(implicit ? query : fragment);
  constexpr std::string_view who = "the authorization server";
  if (field(fields, "error")) return server_error(oauth2_errc::authorization_error, who, fields);
  if (!expected_state.empty() && field(fields, "state").value_or("") != expected_state) {
    return oauth2_error(oauth2_errc::state_mismatch,
                        "the redirect's state is not the one sent with the authorization "
                        "request, so it was not used (it may be a forged redirect, RFC 6749 "
                        "§10.12)",
                        "start again; if it repeats, the server may not return state unchanged");
  }
  AuthorizationResponse response;
  if (implicit) {
    auto token = token_from(fields, who);
    if (!token) {
      return oauth2_error(oauth2_errc::bad_redirect,
                          "the redirect to redirect_uri carried no access_token",
                          "check that the server allows the implicit grant for this client");
    }
    response.token = std::move(token).value();
    return response;
  }
  response.code = field(fields, "code").value_or("");
  if (response.code.empty()) {
    return oauth2_error(oauth2_errc::bad_redirect, "the redirect to redirect_uri carried no code",
                        "check authUrl and redirect_uri");
  }
  return response;
}

namespace {

std::string_view without_query(std::string_view url) {
  return url.substr(0, url.find_first_of("?#"));
}

}  // namespace

bool is_redirect_to(std::string_view url, std::string_view redirect_uri) {
  auto a = split_request_target(without_query(url));
  auto b = split_request_target(without_query(redirect_uri));
  if (a && b) {
    return a.value().scheme == b.value().scheme && a.value().host == b.value().host &&
           a.value().port == b.value().port && a.value().path == b.value().path;
  }
  // Custom schemes (com.example.app:/cb): the text before the query must match.
  return !redirect_uri.empty() && without_query(url) == without_query(redirect_uri);
}

std::string redact_secrets(std::string text, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    for (const std::string& form : {secret, form_urlencode(secret), percent_encode(secret)}) {
      for (auto at = text.find(form); at != std::string::npos; at = text.find(form, at + 3)) {
        text.replace(at, form.size(), "***");
      }
    }
  }
  return text;
}

}  // namespace postern::auth
