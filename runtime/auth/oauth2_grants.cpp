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

}  // namespace

const std::error_category& oauth2_category() {
  static const OAuth2Category category;
  return category;
}

base::Error oauth2_error(oauth2_errc code, std::string message, std::string remedy) {
  return base::Error{make_error_code(code), std::move(message), std::move(remedy)};
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

}  // namespace postern::auth
