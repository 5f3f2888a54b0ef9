// OAuth 2.0 answers, sans I/O: token responses (JSON, or form-encoded as GitHub sends them)
// and authorization redirects (query or fragment), with errors that never echo a secret.
#include "runtime/auth/oauth2_grants.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "base/url.hpp"
#include "runtime/auth/crypto.hpp"
#include "runtime/auth/errc.hpp"
#include "runtime/auth/request_target.hpp"

namespace postern::auth {

using nlohmann::json;

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

std::string redact_secrets(std::string text, std::vector<std::string> secrets) {
  // Longer first, so a secret that contains another is masked whole.
  std::sort(secrets.begin(), secrets.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
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
