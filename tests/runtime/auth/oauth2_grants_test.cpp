// The OAuth 2.0 grants without a network: settings from Postman's keys, the authorization URL,
// each token request byte for byte against RFC 6749's examples, and the parsers of token
// responses and redirects (RFC 6749 §4.1.2, §4.2.2, §5.1, §5.2).
#include "runtime/auth/oauth2_grants.hpp"

#include <catch2/catch.hpp>

#include "runtime/auth/crypto.hpp"
#include "runtime/auth/errc.hpp"
#include "runtime/auth/request_target.hpp"

using namespace postern;
using namespace postern::auth;

namespace {

AuthContext fixed_context() {
  return AuthContext{[] { return std::int64_t{1700000000}; },
                     [](std::size_t count) { return std::string(count, '\x01'); }};
}

// RFC 6749 §4.1's client: s6BhdRkqt3 with secret gX1fBat3bV.
OAuth2Config rfc_client(GrantType grant) {
  auto config = oauth2_config_from_params({{"grant_type", std::string(grant_type_name(grant))},
                                           {"authUrl", "https://server.example.com/authorize"},
                                           {"accessTokenUrl", "https://server.example.com/token"},
                                           {"clientId", "s6BhdRkqt3"},
                                           {"clientSecret", "gX1fBat3bV"},
                                           {"username", "johndoe"},
                                           {"password", "A3ddj3w"}});
  REQUIRE(config);
  return config.value();
}

std::string header(const HttpRequest& request, std::string_view name) {
  return find_header(request.headers, name).value_or("");
}

}  // namespace

TEST_CASE("Postman's oauth2 keys become a config", "[auth][oauth2]") {
  auto config = oauth2_config_from_params({
      {"grant_type", "authorization_code_with_pkce"},
      {"authUrl", "https://as.test/authorize"},
      {"accessTokenUrl", "https://as.test/token"},
      {"refreshTokenUrl", "https://as.test/refresh"},
      {"clientId", "app"},
      {"clientSecret", "s3cret"},
      {"scope", "read write"},
      {"state", "st"},
      {"redirect_uri", "http://127.0.0.1:9/cb"},
      {"client_authentication", "body"},
      {"challengeAlgorithm", "plain"},
      {"code_verifier", std::string(43, 'v')},
      {"tokenName", "mine"},
      {"useBrowser", "true"},
      {"autoRefresh", "false"},
      {"resource", "https://api.test/"},
      {"audience", "api"},
      {"origin", "https://app.test"},
      {"tokenRequestParams",
       R"([{"key":"a","value":"1","enabled":true,"send_as":"request_body"},
           {"key":"X-H","value":"2","send_as":"request_header"},
           {"key":"off","value":"3","enabled":false}])"},
  });
  REQUIRE(config);
  const auto& c = config.value();
  CHECK(c.grant == GrantType::authorization_code_with_pkce);
  CHECK(c.uses_pkce());
  CHECK(c.client_auth == ClientAuth::body);
  CHECK(c.pkce_method == PkceMethod::plain);
  CHECK(c.refresh_url() == "https://as.test/refresh");
  CHECK(c.use_browser);
  CHECK_FALSE(c.auto_refresh);
  CHECK(c.token_name == "mine");
  REQUIRE(c.token_request_params.size() == 2);
  CHECK(c.token_request_params[1].send_as == ExtraParam::SendAs::header);
}

TEST_CASE("each grant names the settings it cannot do without", "[auth][oauth2]") {
  auto missing = [](AuthParams params) {
    auto config = oauth2_config_from_params(params);
    REQUIRE_FALSE(config);
    return config.error();
  };
  CHECK(missing({{"grant_type", "client_credentials"}, {"clientId", "a"}})
            .message.find("accessTokenUrl") != std::string::npos);
  CHECK(missing({{"grant_type", "implicit"}, {"clientId", "a"}}).message.find("authUrl") !=
        std::string::npos);
  CHECK(missing({{"grant_type", "password_credentials"}, {"accessTokenUrl", "https://a/t"}})
            .message.find("username") != std::string::npos);
  CHECK(missing({{"grant_type", "client_credentials"}, {"accessTokenUrl", "https://a/t"}})
            .message.find("clientId") != std::string::npos);
  CHECK(missing({{"grant_type", "client_credentials"},
                 {"clientId", "a"},
                 {"accessTokenUrl", "ftp://a/t"}})
            .code == errc::bad_parameter);
  CHECK(missing({{"grant_type", "refresh"}}).message.find("grant_type") != std::string::npos);
  CHECK(missing({{"grant_type", "client_credentials"},
                 {"clientId", "a"},
                 {"accessTokenUrl", "https://a/t"},
                 {"client_authentication", "jwt"}})
            .message.find("client_authentication") != std::string::npos);
  CHECK(missing({{"grant_type", "authorization_code_with_pkce"},
                 {"clientId", "a"},
                 {"authUrl", "https://a/a"},
                 {"accessTokenUrl", "https://a/t"},
                 {"code_verifier", "short"}})
            .message.find("code_verifier") != std::string::npos);
  CHECK(missing({{"grant_type", "client_credentials"},
                 {"clientId", "a"},
                 {"accessTokenUrl", "https://a/t"},
                 {"tokenRequestParams", "{\"key\":1}"}})
            .message.find("tokenRequestParams") != std::string::npos);
  // Postman leaves grant_type out for its default, the authorization code grant.
  auto defaulted = oauth2_config_from_params(
      {{"clientId", "a"}, {"authUrl", "https://a/a"}, {"accessTokenUrl", "https://a/t"}});
  REQUIRE(defaulted);
  CHECK(defaulted.value().grant == GrantType::authorization_code);
}

TEST_CASE("the authorization URL of RFC 6749 §4.1.1, with a state made when none is set",
          "[auth][oauth2]") {
  auto config = rfc_client(GrantType::authorization_code);
  config.state = "xyz";
  auto start =
      build_authorization_request(config, "https://client.example.com/cb", fixed_context());
  REQUIRE(start);
  CHECK(start.value().url ==
        "https://server.example.com/authorize?response_type=code&client_id=s6BhdRkqt3"
        "&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb&state=xyz");
  CHECK(start.value().code_verifier.empty());

  config.state.clear();
  config.scope = "read write";
  config.resource = "https://api.example.com/";
  config.audience = "api";
  config.auth_request_params = {{"prompt", "none", ExtraParam::SendAs::url},
                                {"Cookie", "sid=1", ExtraParam::SendAs::header}};
  auto made = build_authorization_request(config, "", fixed_context());
  REQUIRE(made);
  CHECK(made.value().state == "AQEBAQEBAQEBAQEBAQEBAQ");
  CHECK(made.value().url ==
        "https://server.example.com/authorize?response_type=code&client_id=s6BhdRkqt3"
        "&scope=read%20write&state=AQEBAQEBAQEBAQEBAQEBAQ"
        "&resource=https%3A%2F%2Fapi.example.com%2F&audience=api&prompt=none");
  REQUIRE(made.value().headers.size() == 1);
  CHECK(made.value().headers[0].value == "sid=1");
}

TEST_CASE("PKCE sends the challenge and keeps the verifier; implicit asks for a token",
          "[auth][oauth2]") {
  auto config = rfc_client(GrantType::authorization_code_with_pkce);
  config.state = "s";
  config.code_verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  auto start = build_authorization_request(config, "http://127.0.0.1:1/cb", fixed_context());
  REQUIRE(start);
  CHECK(start.value().code_verifier == config.code_verifier);
  CHECK(start.value().url.ends_with(
      "&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
      "&code_challenge_method=S256"));

  config.code_verifier.clear();
  config.pkce_method = PkceMethod::plain;
  auto plain = build_authorization_request(config, "", fixed_context());
  REQUIRE(plain);
  CHECK(valid_code_verifier(plain.value().code_verifier));
  CHECK(plain.value().url.find("code_challenge=" + plain.value().code_verifier +
                               "&code_challenge_method=plain") != std::string::npos);

  auto implicit = rfc_client(GrantType::implicit);
  auto token = build_authorization_request(implicit, "", fixed_context());
  REQUIRE(token);
  CHECK(token.value().url.find("?response_type=token&") != std::string::npos);
  CHECK_FALSE(
      build_authorization_request(rfc_client(GrantType::client_credentials), "", fixed_context()));
}

TEST_CASE("the code is exchanged as in RFC 6749 §4.1.3, the client in a Basic header",
          "[auth][oauth2]") {
  auto request = authorization_code_token_request(rfc_client(GrantType::authorization_code),
                                                  "SplxlOBeZQQYbYS6WxSbIA",
                                                  "https://client.example.com/cb", "");
  CHECK(request.method == "POST");
  CHECK(request.url == "https://server.example.com/token");
  CHECK(header(request, "Authorization") == "Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW");
  CHECK(header(request, "Content-Type") == "application/x-www-form-urlencoded");
  CHECK(header(request, "Accept") == "application/json");
  CHECK(request.body ==
        "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA"
        "&redirect_uri=https%3A%2F%2Fclient.example.com%2Fcb");
}

TEST_CASE("password (§4.3.2), client credentials (§4.4.2) and refresh (§6) requests",
          "[auth][oauth2]") {
  auto config = rfc_client(GrantType::password_credentials);
  CHECK(password_token_request(config).body ==
        "grant_type=password&username=johndoe&password=A3ddj3w");
  CHECK(client_credentials_token_request(config).body == "grant_type=client_credentials");
  config.scope = "a b";
  CHECK(client_credentials_token_request(config).body == "grant_type=client_credentials&scope=a+b");
  auto refresh = refresh_token_request(config, "tGzv3JOkF0XG5Qx2TlKWIA");
  CHECK(refresh.body == "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA");
  CHECK(refresh.url == "https://server.example.com/token");
  config.refresh_token_url = "https://server.example.com/refresh";
  config.refresh_request_params = {{"r", "1", ExtraParam::SendAs::body}};
  config.token_request_params = {{"t", "1", ExtraParam::SendAs::body}};
  refresh = refresh_token_request(config, "rt");
  CHECK(refresh.url == "https://server.example.com/refresh");
  CHECK(refresh.body == "grant_type=refresh_token&refresh_token=rt&r=1");
}

TEST_CASE("client authentication in the body, public clients, and §2.3.1's encoding",
          "[auth][oauth2]") {
  auto config = rfc_client(GrantType::client_credentials);
  config.client_auth = ClientAuth::body;
  auto body = client_credentials_token_request(config);
  CHECK_FALSE(find_header(body.headers, "Authorization"));
  CHECK(body.body == "grant_type=client_credentials&client_id=s6BhdRkqt3&client_secret=gX1fBat3bV");

  config.client_auth = ClientAuth::header;
  config.client_secret.clear();
  auto public_client = client_credentials_token_request(config);
  CHECK_FALSE(find_header(public_client.headers, "Authorization"));
  CHECK(public_client.body == "grant_type=client_credentials&client_id=s6BhdRkqt3");

  // The id and secret are form-encoded before base64, so ':' in an id cannot split it.
  CHECK(client_basic_credentials("a:b c", "p&ss") == "Basic " + base64_encode("a%3Ab+c:p%26ss"));
  CHECK(form_urlencode("a b+c/é") == "a+b%2Bc%2F%C3%A9");
}

TEST_CASE("resource, audience, origin and tokenRequestParams reach the token request",
          "[auth][oauth2]") {
  auto config = rfc_client(GrantType::client_credentials);
  config.resource = "https://api.test/";
  config.audience = "aud";
  config.origin = "https://spa.test";
  config.token_request_params = {{"extra", "1 2", ExtraParam::SendAs::body},
                                 {"X-Tenant", "t1", ExtraParam::SendAs::header},
                                 {"q", "v", ExtraParam::SendAs::url}};
  auto request = client_credentials_token_request(config);
  CHECK(request.url == "https://server.example.com/token?q=v");
  CHECK(header(request, "X-Tenant") == "t1");
  CHECK(header(request, "Origin") == "https://spa.test");
  CHECK(request.body ==
        "grant_type=client_credentials&resource=https%3A%2F%2Fapi.test%2F&audience=aud"
        "&extra=1+2");
}

TEST_CASE("token responses: RFC 6749 §5.1 JSON and GitHub's form encoding", "[auth][oauth2]") {
  auto json = parse_token_response(200, "application/json;charset=UTF-8",
                                   R"({"access_token":"2YotnFZFEjr1zCsicMWpAA",
                                       "token_type":"example","expires_in":3600,
                                       "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",
                                       "example_parameter":"example_value"})");
  REQUIRE(json);
  CHECK(json.value().access_token == "2YotnFZFEjr1zCsicMWpAA");
  CHECK(json.value().token_type == "example");
  CHECK(json.value().expires_in == 3600);
  CHECK(json.value().refresh_token == "tGzv3JOkF0XG5Qx2TlKWIA");

  auto form = parse_token_response(200, "application/x-www-form-urlencoded",
                                   "access_token=e72e16c7e42f292c6912e7710c838347ae178b4a"
                                   "&scope=repo%2Cgist&token_type=bearer");
  REQUIRE(form);
  CHECK(form.value().access_token == "e72e16c7e42f292c6912e7710c838347ae178b4a");
  CHECK(form.value().scope == "repo,gist");
  CHECK(form.value().token_type == "bearer");
  CHECK_FALSE(form.value().expires_in);

  auto lenient =
      parse_token_response(200, "text/plain", R"({"access_token":"a","expires_in":"60"})");
  REQUIRE(lenient);
  CHECK(lenient.value().token_type == "Bearer");
  CHECK(lenient.value().expires_in == 60);
}

TEST_CASE("token errors name error and error_description, never the body", "[auth][oauth2]") {
  auto error = parse_token_response(
      401, "application/json",
      R"({"error":"invalid_client","error_description":"Client authentication failed\u001b[31m"})");
  REQUIRE_FALSE(error);
  CHECK(error.error().code == oauth2_errc::token_error);
  CHECK(error.error().message ==
        "the token endpoint answered invalid_client (Client authentication failed[31m)");
  CHECK(error.error().remedy.find("client_authentication") != std::string::npos);

  // GitHub answers its errors with 200 and a form.
  auto github = parse_token_response(200, "application/x-www-form-urlencoded",
                                     "error=bad_verification_code&error_description=The+code");
  REQUIRE_FALSE(github);
  CHECK(github.error().message == "the token endpoint answered bad_verification_code (The code)");

  auto status = parse_token_response(500, "text/html", "<html>secret-ish page</html>");
  REQUIRE_FALSE(status);
  CHECK(status.error().message.find("HTTP 500") != std::string::npos);
  CHECK(status.error().message.find("secret") == std::string::npos);

  auto none = parse_token_response(200, "application/json", R"({"token_type":"bearer"})");
  REQUIRE_FALSE(none);
  CHECK(none.error().code == oauth2_errc::bad_token_response);
  auto garbage = parse_token_response(200, "application/json", "{not json");
  REQUIRE_FALSE(garbage);
  CHECK(garbage.error().code == oauth2_errc::bad_token_response);
}

TEST_CASE("redirects: the code in the query, the implicit token in the fragment",
          "[auth][oauth2]") {
  auto code = parse_authorization_redirect(
      "https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz",
      GrantType::authorization_code, "xyz");
  REQUIRE(code);
  CHECK(code.value().code == "SplxlOBeZQQYbYS6WxSbIA");

  auto implicit = parse_authorization_redirect(
      "http://example.com/cb#access_token=2YotnFZFEjr1zCsicMWpAA&state=xyz&token_type=example"
      "&expires_in=3600",
      GrantType::implicit, "xyz");
  REQUIRE(implicit);
  REQUIRE(implicit.value().token);
  CHECK(implicit.value().token->access_token == "2YotnFZFEjr1zCsicMWpAA");
  CHECK(implicit.value().token->expires_in == 3600);

  auto fragment_code = parse_authorization_redirect("https://c/cb#code=abc&state=s",
                                                    GrantType::authorization_code, "s");
  REQUIRE(fragment_code);
  CHECK(fragment_code.value().code == "abc");
}

TEST_CASE("redirect errors: access_denied, a wrong state, nothing useful", "[auth][oauth2]") {
  auto denied =
      parse_authorization_redirect("https://client.example.com/cb?error=access_denied&state=xyz",
                                   GrantType::authorization_code, "xyz");
  REQUIRE_FALSE(denied);
  CHECK(denied.error().code == oauth2_errc::authorization_error);
  CHECK(denied.error().message == "the authorization server answered access_denied");

  auto forged = parse_authorization_redirect("https://c/cb?code=abc&state=other",
                                             GrantType::authorization_code, "xyz");
  REQUIRE_FALSE(forged);
  CHECK(forged.error().code == oauth2_errc::state_mismatch);
  CHECK(forged.error().message.find("abc") == std::string::npos);
  auto stateless =
      parse_authorization_redirect("https://c/cb?code=abc", GrantType::authorization_code, "xyz");
  CHECK_FALSE(stateless);

  auto empty =
      parse_authorization_redirect("https://c/cb?state=xyz", GrantType::authorization_code, "xyz");
  REQUIRE_FALSE(empty);
  CHECK(empty.error().code == oauth2_errc::bad_redirect);
  auto no_token =
      parse_authorization_redirect("https://c/cb#state=xyz", GrantType::implicit, "xyz");
  REQUIRE_FALSE(no_token);
  CHECK(no_token.error().code == oauth2_errc::bad_redirect);
}

TEST_CASE("is_redirect_to compares scheme, host, port and path", "[auth][oauth2]") {
  CHECK(is_redirect_to("http://127.0.0.1:8080/cb?code=1", "http://127.0.0.1:8080/cb"));
  CHECK(is_redirect_to("HTTP://LOCALHOST/cb#x", "http://localhost:80/cb"));
  CHECK_FALSE(is_redirect_to("http://127.0.0.1:8081/cb", "http://127.0.0.1:8080/cb"));
  CHECK_FALSE(is_redirect_to("http://127.0.0.1:8080/cb2", "http://127.0.0.1:8080/cb"));
  CHECK(is_redirect_to("com.example.app:/cb?code=1", "com.example.app:/cb"));
  CHECK_FALSE(is_redirect_to("https://x/cb", ""));
}

TEST_CASE("redact_secrets hides secrets as written and as encoded", "[auth][oauth2]") {
  CHECK(redact_secrets("bad s3 cret and s3+cret and s3%20cret", {"s3 cret", ""}) ==
        "bad *** and *** and ***");
}
