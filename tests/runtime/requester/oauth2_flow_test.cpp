// OAuth 2.0 grants end to end against a verifying authorization server on 127.0.0.1
// (oauth2_test_server.hpp): every grant with Basic and body client authentication, PKCE S256
// and plain, the code and implicit grants both non-interactively (the requester follows the
// redirects) and interactively (a loopback listener, with a test "browser"), the token store
// (reuse, expiry, refresh, fall back), and the errors a person must be able to act on.
#include "runtime/requester/oauth2_flow.hpp"

#include <catch2/catch.hpp>
#include <thread>

#include "base/files.hpp"
#include "oauth2_test_server.hpp"
#include "runtime/auth/scheme_registry.hpp"
#include "runtime/requester/redirects.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::requester;
using auth::oauth2_errc;
using postern::testing::OAuth2TestServer;

namespace {

constexpr const char* kSession =
    R"([{"key":"Cookie","value":"session=ok","send_as":"request_header"}])";

struct Fixture {
  OAuth2TestServer as;
  testing::TempDir dir;
  TokenStore store{dir / "data" / "oauth2-tokens.json"};
  std::int64_t now = 1700000000;
  std::vector<std::string> notices;

  Fixture() {
    as.add_client("basic-client", {"b-secret", true, "http://127.0.0.1:1/cb"});
    as.add_client("body-client", {"y-secret", false, "http://127.0.0.1:1/cb"});
    as.add_client("public-client", {"", true, "http://127.0.0.1:1/cb"});
    as.add_client("desktop-client", {"d-secret", true, "http://127.0.0.1:1/callback"});
    as.add_user("alice", "wonder land");
  }

  FlowOptions options(bool with_store = true) {
    FlowOptions o;
    o.store = with_store ? &store : nullptr;
    o.context = auth::system_context();
    o.context.unix_time = [this] { return now; };
    o.notice = [this](const std::string& text) { notices.push_back(text); };
    o.callback_timeout = std::chrono::seconds(10);
    return o;
  }

  auth::AuthParams params(const std::string& grant, const std::string& client) {
    auth::AuthParams p{{"grant_type", grant},
                       {"authUrl", as.url() + "/authorize"},
                       {"accessTokenUrl", as.url() + "/token"},
                       {"clientId", client},
                       {"redirect_uri", "http://127.0.0.1:1/cb"},
                       {"authRequestParams", kSession},
                       {"scope", "read"}};
    if (client == "basic-client") p.set("clientSecret", "b-secret");
    if (client == "body-client") {
      p.set("clientSecret", "y-secret");
      p.set("client_authentication", "body");
    }
    return p;
  }

  // The token works on the server's protected resource, sent by the oauth2 scheme.
  bool token_works(const auth::AuthParams& p, const TokenSet& token) {
    auto scheme =
        auth::make_auth_scheme("oauth2", with_access_token(p, token), auth::system_context());
    REQUIRE(scheme);
    auto sent = send_request({"GET", as.url() + "/resource", {}, ""}, *scheme.value(), {});
    return sent && sent.value().response.status == 200;
  }
};

TokenSet obtained(const auth::AuthParams& p, const FlowOptions& options) {
  auto token = obtain_token(p, options);
  if (!token) FAIL(token.error().message);
  return token.value();
}

}  // namespace

TEST_CASE("client credentials and password grants, with Basic and with the body",
          "[requester][oauth2]") {
  Fixture f;
  for (const char* client : {"basic-client", "body-client"}) {
    CAPTURE(client);
    auto cc = f.params("client_credentials", client);
    auto token = obtained(cc, f.options(false));
    CHECK(token.source == TokenSet::Source::fetched);
    CHECK(token.token_type == "Bearer");
    CHECK(token.expires_at == f.now + 3600);
    CHECK_FALSE(token.refresh_token.empty());
    CHECK(f.token_works(cc, token));
    CHECK(f.as.last_token_form().at("grant_type") == "client_credentials");
    CHECK(f.as.last_token_form().at("scope") == "read");

    auto pw = f.params("password_credentials", client);
    pw.set("username", "alice");
    pw.set("password", "wonder land");
    CHECK(f.token_works(pw, obtained(pw, f.options(false))));
    CHECK(f.as.last_token_form().at("password") == "wonder land");
  }
  CHECK(f.as.issued("client_credentials") == 2);
  CHECK(f.as.issued("password") == 2);
  CHECK(f.as.last_token_form().at("authorization_header").empty());  // body-client

  auto public_pw = f.params("password_credentials", "public-client");
  public_pw.set("username", "alice");
  public_pw.set("password", "wonder land");
  CHECK(f.token_works(public_pw, obtained(public_pw, f.options(false))));
  CHECK(f.as.last_token_form().at("client_id") == "public-client");
}

TEST_CASE("client authentication by the wrong method is invalid_client, without the secret",
          "[requester][oauth2]") {
  Fixture f;
  auto p = f.params("client_credentials", "basic-client");
  p.set("client_authentication", "body");  // the server allows this client Basic only
  auto token = obtain_token(p, f.options(false));
  REQUIRE_FALSE(token);
  CHECK(token.error().code == oauth2_errc::token_error);
  CHECK(token.error().message ==
        "the token endpoint answered invalid_client (Client authentication failed)");
  CHECK(token.error().message.find("b-secret") == std::string::npos);

  auto wrong = f.params("client_credentials", "body-client");
  wrong.set("clientSecret", "not-it");
  CHECK_FALSE(obtain_token(wrong, f.options(false)));

  auto pw = f.params("password_credentials", "basic-client");
  pw.set("username", "alice");
  pw.set("password", "guess");
  auto refused = obtain_token(pw, f.options(false));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("invalid_grant") != std::string::npos);
  CHECK(refused.error().message.find("guess") == std::string::npos);
}

TEST_CASE("authorization code, non-interactive: the requester follows the redirects",
          "[requester][oauth2]") {
  Fixture f;
  for (const char* client : {"basic-client", "body-client", "public-client"}) {
    CAPTURE(client);
    auto p = f.params("authorization_code", client);
    auto token = obtained(p, f.options(false));
    CHECK(f.token_works(p, token));
    auto authorize = f.as.last_authorize();
    CHECK(authorize.at("response_type") == "code");
    CHECK(authorize.at("state").size() >= 16);  // made up, since none was set
    CHECK_FALSE(authorize.count("code_challenge"));
    CHECK(f.as.last_token_form().at("redirect_uri") == "http://127.0.0.1:1/cb");
  }
  CHECK(f.as.issued("authorization_code") == 3);
}

TEST_CASE("PKCE S256 and plain: the server recomputes the challenge from the verifier",
          "[requester][oauth2]") {
  Fixture f;
  for (const char* method : {"S256", "plain"}) {
    CAPTURE(method);
    auto p = f.params("authorization_code_with_pkce", "public-client");
    p.set("challengeAlgorithm", method);
    auto token = obtained(p, f.options(false));
    CHECK(f.token_works(p, token));
    CHECK(f.as.last_authorize().at("code_challenge_method") == method);
    const std::string verifier = f.as.last_token_form().at("code_verifier");
    CHECK(auth::valid_code_verifier(verifier));
    CHECK(f.as.last_authorize().at("code_challenge") ==
          auth::code_challenge(verifier, auth::parse_pkce_method(method).value()));
  }
  // A configured verifier is used as it is (RFC 7636 Appendix B's).
  auto p = f.params("authorization_code_with_pkce", "basic-client");
  p.set("code_verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  CHECK(f.token_works(p, obtained(p, f.options(false))));
  CHECK(f.as.last_authorize().at("code_challenge") ==
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST_CASE("implicit, non-interactive: the token comes in the redirect's fragment",
          "[requester][oauth2]") {
  Fixture f;
  auto p = f.params("implicit", "public-client");
  p.set("state", "my-state");
  auto token = obtained(p, f.options());
  CHECK(f.token_works(p, token));
  CHECK(token.expires_at == f.now + 3600);
  CHECK(f.as.last_authorize().at("response_type") == "token");
  CHECK(f.as.last_authorize().at("state") == "my-state");
  CHECK(f.as.issued("implicit") == 1);
  auto stored = f.store.find(token.name);
  REQUIRE(stored);
  REQUIRE(stored.value());
  CHECK(stored.value()->grant_type == "implicit");
}

TEST_CASE("authorization errors: denied, forged state, a sign-in page, a bad redirect_uri",
          "[requester][oauth2]") {
  Fixture f;
  auto denied = f.params("authorization_code", "basic-client");
  denied.set("authRequestParams",
             R"([{"key":"Cookie","value":"session=ok","send_as":"request_header"},
                 {"key":"deny","value":"1","send_as":"request_url"}])");
  auto refused = obtain_token(denied, f.options(false));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == oauth2_errc::authorization_error);
  CHECK(refused.error().message.find("access_denied") != std::string::npos);

  f.as.tamper_state(true);
  auto forged = obtain_token(f.params("authorization_code", "basic-client"), f.options(false));
  REQUIRE_FALSE(forged);
  CHECK(forged.error().code == oauth2_errc::state_mismatch);
  f.as.tamper_state(false);
  CHECK(f.as.issued("authorization_code") == 0);  // the forged code was never exchanged

  auto no_session = f.params("authorization_code", "basic-client");
  no_session.set("authRequestParams", "");
  auto page = obtain_token(no_session, f.options(false));
  REQUIRE_FALSE(page);
  CHECK(page.error().code == oauth2_errc::no_redirect);
  CHECK(page.error().message.find("HTTP 200") != std::string::npos);

  auto elsewhere = f.params("authorization_code", "basic-client");
  elsewhere.set("redirect_uri", "https://evil.test/cb");
  auto bad = obtain_token(elsewhere, f.options(false));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == oauth2_errc::no_redirect);
}

TEST_CASE("interactive authorization code: the browser comes back to the loopback listener",
          "[requester][oauth2]") {
  Fixture f;
  auto options = f.options();
  options.interactive = true;
  std::thread browser;
  std::string page;
  options.open_browser = [&](const std::string& url) -> base::Status_or_error {
    // The user signs in (the session cookie), the browser follows the redirect home.
    browser = std::thread([url, &page] {
      auto none = auth::make_auth_scheme("noauth", {}, auth::system_context());
      auto sent = send_request({"GET", url, {{"Cookie", "session=ok"}}, ""}, *none.value(), {});
      if (sent) page = sent.value().body;
    });
    return base::Ok{};
  };
  // An https callback cannot reach this process: http://127.0.0.1:<free port>/callback is used.
  auto p = f.params("authorization_code_with_pkce", "desktop-client");
  p.set("clientSecret", "d-secret");
  p.set("redirect_uri", "https://app.test/callback");
  p.set("authRequestParams", "");
  auto token = obtain_token(p, options);
  browser.join();
  REQUIRE(token);
  CHECK(f.token_works(p, token.value()));
  CHECK(page.find("You can close this tab") != std::string::npos);
  const std::string sent_uri = f.as.last_authorize().at("redirect_uri");
  CHECK(sent_uri.starts_with("http://127.0.0.1:"));
  CHECK(sent_uri.ends_with("/callback"));
  CHECK(f.as.last_token_form().at("redirect_uri") == sent_uri);
  REQUIRE_FALSE(f.notices.empty());
  CHECK(f.notices[0].find("waiting for its redirect to " + sent_uri) != std::string::npos);
}

TEST_CASE("interactive implicit: the page posts the fragment back to the listener",
          "[requester][oauth2]") {
  Fixture f;
  auto options = f.options();
  options.interactive = true;
  std::thread browser;
  bool had_script = false;
  options.open_browser = [&](const std::string& url) -> base::Status_or_error {
    browser = std::thread([url, &had_script] {
      auto none = auth::make_auth_scheme("noauth", {}, auth::system_context());
      SendOptions manual;
      manual.follow_redirects = false;
      auto authorized =
          send_request({"GET", url, {{"Cookie", "session=ok"}}, ""}, *none.value(), manual);
      if (!authorized) return;
      const std::string location =
          auth::find_header(authorized.value().response.headers, "Location").value_or("");
      const auto hash = location.find('#');
      // What a browser does: the fragment stays behind, the page's script posts it.
      const std::string base = location.substr(0, hash);
      auto landing = send_request({"GET", base, {}, ""}, *none.value(), manual);
      had_script = landing && landing.value().body.find("<script>") != std::string::npos;
      const std::string origin = base.substr(0, base.find('/', 7));
      (void)send_request({"POST", base, {{"Origin", "https://evil.test"}}, "access_token=x"},
                         *none.value(), manual);  // refused: another origin
      (void)send_request({"POST",
                          base,
                          {{"Origin", origin}, {"Content-Type", "text/plain"}},
                          location.substr(hash + 1)},
                         *none.value(), manual);
    });
    return base::Ok{};
  };
  auto p = f.params("implicit", "public-client");
  p.set("authRequestParams", "");
  p.set("redirect_uri", "http://127.0.0.1/cb");  // no port: the listener's (RFC 8252 §7.3)
  auto token = obtain_token(p, options);
  browser.join();
  REQUIRE(token);
  CHECK(had_script);
  CHECK(token.value().access_token != "x");
  CHECK(f.token_works(p, token.value()));
}

TEST_CASE("interactive mode gives up when the browser never comes back", "[requester][oauth2]") {
  Fixture f;
  auto options = f.options();
  options.interactive = true;
  options.callback_timeout = std::chrono::milliseconds(200);
  options.open_browser = [](const std::string&) -> base::Status_or_error {
    return base::Error{
        std::make_error_code(std::errc::no_such_file_or_directory), "no browser", {}};
  };
  auto token = obtain_token(f.params("authorization_code", "basic-client"), options);
  REQUIRE_FALSE(token);
  CHECK(token.error().code == oauth2_errc::callback_timeout);
  CHECK(f.notices.back().find("no browser") != std::string::npos);
}

TEST_CASE("the store: reuse while valid, refresh once expired, a new grant when refresh fails",
          "[requester][oauth2]") {
  Fixture f;
  auto p = f.params("client_credentials", "basic-client");
  p.set("tokenName", "ci");
  auto first = obtained(p, f.options());
  CHECK(first.name == "ci");
  CHECK(f.as.issued("client_credentials") == 1);

  f.now += 60;
  auto again = obtained(p, f.options());
  CHECK(again.source == TokenSet::Source::stored);
  CHECK(again.access_token == first.access_token);
  CHECK(f.as.issued("client_credentials") == 1);
  CHECK(f.store.find("ci").value()->last_used_at == f.now);

  f.now += 3600;  // expired
  auto refreshed = obtained(p, f.options());
  CHECK(refreshed.source == TokenSet::Source::refreshed);
  CHECK(refreshed.access_token != first.access_token);
  CHECK(refreshed.refresh_token != first.refresh_token);  // the server rotated it
  CHECK(f.as.issued("refresh_token") == 1);
  CHECK(f.token_works(p, refreshed));
  CHECK(f.store.find("ci").value()->access_token == refreshed.access_token);

  f.now += 7200;
  f.as.revoke_refresh_tokens();
  auto renewed = obtained(p, f.options());
  CHECK(renewed.source == TokenSet::Source::fetched);
  CHECK(f.as.issued("client_credentials") == 2);
  CHECK(f.notices.back().find("invalid_grant") != std::string::npos);

  f.now += 7200;
  p.set("autoRefresh", "false");
  CHECK(obtained(p, f.options()).source == TokenSet::Source::fetched);
  CHECK(f.as.issued("refresh_token") == 1);

  // A token of the same name from another server or client is not reused.
  auto other = f.params("client_credentials", "body-client");
  other.set("tokenName", "ci");
  CHECK(obtained(other, f.options()).source == TokenSet::Source::fetched);

  // An access token already in the auth settings is used as it is.
  auto given = obtained({{"accessToken", "tok"}}, f.options());
  CHECK(given.source == TokenSet::Source::given);
}

TEST_CASE("refresh_stored_token uses what the store kept and the secret it did not",
          "[requester][oauth2]") {
  Fixture f;
  auto p = f.params("password_credentials", "body-client");
  p.set("username", "alice");
  p.set("password", "wonder land");
  p.set("tokenName", "me");
  auto first = obtained(p, f.options());
  auto stored = f.store.find("me").value();
  REQUIRE(stored);
  CHECK(stored->client_id == "body-client");
  CHECK(stored->token_url == f.as.url() + "/token");

  auto refreshed = refresh_stored_token("me", "y-secret", auth::ClientAuth::body, f.options());
  REQUIRE(refreshed);
  CHECK(refreshed.value().access_token != first.access_token);
  CHECK(refreshed.value().name == "me");

  auto wrong = refresh_stored_token("me", "nope", auth::ClientAuth::body, f.options());
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().message.find("invalid_client") != std::string::npos);
  CHECK(wrong.error().message.find("nope") == std::string::npos);

  auto missing = refresh_stored_token("none", "", auth::ClientAuth::body, f.options());
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == oauth2_errc::no_such_token);
}

TEST_CASE("form-encoded token answers (GitHub) and a token without a refresh token",
          "[requester][oauth2]") {
  Fixture f;
  f.as.answer_form(true);
  auto p = f.params("client_credentials", "basic-client");
  auto token = obtained(p, f.options());
  CHECK(token.token_type == "bearer");
  CHECK(token.expires_at == 0);
  CHECK(f.token_works(p, token));
  CHECK(token.name == "basic-client@" + f.as.url().substr(7));
  // Never expires, so it is reused with no refresh.
  f.now += 1000000;
  CHECK(obtained(p, f.options()).source == TokenSet::Source::stored);
}

TEST_CASE("a corrupt store is an error and is left alone", "[requester][oauth2]") {
  Fixture f;
  REQUIRE(base::write_file_atomically(f.store.file(), "{oops", base::FileMode::owner_only));
  auto token = obtain_token(f.params("client_credentials", "basic-client"), f.options());
  REQUIRE_FALSE(token);
  CHECK(token.error().code == oauth2_errc::store_corrupt);
  CHECK(base::read_file(f.store.file()).value() == "{oops");
  CHECK(f.as.issued("client_credentials") == 0);
}
