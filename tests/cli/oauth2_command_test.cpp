// `postern oauth2 token get | list | delete | refresh` in-process, against the verifying
// authorization server of the flow tests on 127.0.0.1, with the store in a temporary folder.
#include "cli/oauth2_command.hpp"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <sstream>
#include <thread>

#include "cli/report.hpp"
#include "runtime/auth/scheme_registry.hpp"
#include "runtime/requester/oauth2_test_server.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::cli;
using nlohmann::json;

namespace {

struct Harness {
  testing::OAuth2TestServer as;
  testing::TempDir home;
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  requester::BrowserLauncher browser;

  Harness() {
    as.add_client("app", {"s3cr3t-value", true, "http://127.0.0.1:1/cb"});
    as.add_client("form-app", {"other-secret", false, "http://127.0.0.1:1/cb"});
    as.add_user("alice", "pw");
  }

  int run(const std::vector<std::string>& args, const std::string& stdin_text = {}) {
    in.str(stdin_text);
    in.clear();
    out.str("");
    err.str("");
    CLI::App app;
    app.name("postern");
    app.require_subcommand(1);
    OutputOptions output;
    int exit_code = kSuccess;
    const auto data = home.path();
    add_oauth2_command(
        app, output, exit_code,
        OAuth2CommandEnv{[data]() -> base::Result<base::AppPaths> {
                           return base::AppPaths{data / "config", data / "data", data / "run"};
                         },
                         browser, [] { return std::int64_t{1700000000}; }, &in, &out, &err});
    std::vector<const char*> argv{"postern"};
    for (const auto& arg : args)
      argv.push_back(arg.c_str());
    try {
      app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
      return app.exit(e, out, err) == 0 ? kSuccess : kUsage;
    }
    return exit_code;
  }

  std::vector<std::string> get(std::vector<std::string> more) {
    std::vector<std::string> args{"oauth2",
                                  "token",
                                  "get",
                                  "--token-url",
                                  as.url() + "/token",
                                  "--auth-url",
                                  as.url() + "/authorize"};
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }
};

}  // namespace

TEST_CASE("token get stores a client credentials token; list shows it redacted", "[cli][oauth2]") {
  Harness h;
  REQUIRE(h.run(h.get({"--grant", "client_credentials", "--client-id", "app",
                       "--client-secret-stdin", "--name", "ci", "--scope", "read"}),
                "s3cr3t-value\n") == kSuccess);
  CHECK(h.out.str().starts_with(
      "got OAuth 2.0 token \"ci\" (Bearer), expires in 60 min, scope \"read\""));
  CHECK(h.out.str().find("access token:  ****  (--show-secrets prints it)") != std::string::npos);
  CHECK(h.out.str().find("oauth2-tokens.json (readable by you only)") != std::string::npos);
  CHECK(h.out.str().find("s3cr3t") == std::string::npos);

  REQUIRE(h.run({"oauth2", "token", "list"}) == kSuccess);
  CHECK(h.out.str().find("NAME") == 0);
  CHECK(h.out.str().find("client_credentials  Bearer  in 60 min  yes") != std::string::npos);
  CHECK(h.out.str().find("at-") == std::string::npos);

  REQUIRE(h.run({"oauth2", "token", "list", "--json", "--show-secrets"}) == kSuccess);
  auto listed = json::parse(h.out.str());
  REQUIRE(listed["tokens"].size() == 1);
  const std::string token = listed["tokens"][0]["access_token"];
  CHECK(h.as.access_token_valid(token));
  CHECK(listed["tokens"][0]["refresh_token"].get<std::string>().starts_with("rt-"));
  CHECK(h.out.str().find("s3cr3t") == std::string::npos);

  REQUIRE(h.run({"oauth2", "token", "delete", "ci"}) == kSuccess);
  CHECK(h.out.str().find("does not revoke") != std::string::npos);
  CHECK(h.run({"oauth2", "token", "delete", "ci"}) == kFailure);
  CHECK(h.err.str().find("no OAuth 2.0 token is named \"ci\"") != std::string::npos);
  REQUIRE(h.run({"oauth2", "token", "list"}) == kSuccess);
  CHECK(h.out.str().starts_with("no OAuth 2.0 tokens are stored"));
}

TEST_CASE("token get: password grant with both secrets on stdin, body client auth, JSON",
          "[cli][oauth2]") {
  Harness h;
  REQUIRE(
      h.run(h.get({"--grant", "password", "--client-id", "form-app", "--client-auth", "body",
                   "--client-secret-stdin", "--username", "alice", "--password-stdin", "--json"}),
            "other-secret\npw\n") == kSuccess);
  auto doc = json::parse(h.out.str());
  CHECK(doc["ok"] == true);
  CHECK(doc["token"]["grant_type"] == "password_credentials");
  CHECK(doc["token"]["has_refresh_token"] == true);
  CHECK(h.as.issued("password") == 1);
}

TEST_CASE("token get: authorization code with PKCE, non-interactive and with a browser",
          "[cli][oauth2]") {
  Harness h;
  const std::string session =
      R"(authRequestParams=[{"key":"Cookie","value":"session=ok","send_as":"request_header"}])";
  REQUIRE(h.run(h.get({"--grant", "authorization_code", "--pkce", "S256", "--client-id", "app",
                       "--client-secret-stdin", "--redirect-uri", "http://127.0.0.1:1/cb",
                       "--no-browser", "--param", session, "--name", "web"}),
                "s3cr3t-value\n") == kSuccess);
  CHECK(h.as.last_authorize().at("code_challenge_method") == "S256");
  CHECK(h.as.issued("authorization_code") == 1);

  std::thread browser;
  h.browser = [&](const std::string& url) -> base::Status_or_error {
    browser = std::thread([url] {
      auto none = auth::make_auth_scheme("noauth", {}, auth::system_context());
      (void)requester::send_request({"GET", url, {{"Cookie", "session=ok"}}, ""}, *none.value(),
                                    {});
    });
    return base::Ok{};
  };
  const int code = h.run(h.get({"--grant", "code", "--client-id", "app", "--client-secret-stdin",
                                "--redirect-uri", "http://127.0.0.1/cb", "--name", "web2"}),
                         "s3cr3t-value\n");
  browser.join();
  CHECK(code == kSuccess);
  CHECK(h.err.str().find("opening the authorization page in the browser") != std::string::npos);
  CHECK(h.as.issued("authorization_code") == 2);
}

TEST_CASE("token refresh uses the stored refresh token and the secret from stdin",
          "[cli][oauth2]") {
  Harness h;
  REQUIRE(h.run(h.get({"--grant", "client_credentials", "--client-id", "app",
                       "--client-secret-stdin", "--name", "ci"}),
                "s3cr3t-value\n") == kSuccess);
  REQUIRE(h.run({"oauth2", "token", "refresh", "ci", "--client-secret-stdin"}, "s3cr3t-value\n") ==
          kSuccess);
  CHECK(h.out.str().starts_with("refreshed OAuth 2.0 token \"ci\""));
  CHECK(h.as.issued("refresh_token") == 1);
  CHECK(h.run({"oauth2", "token", "refresh", "ci"}) == kFailure);  // no secret: invalid_client
  CHECK(h.err.str().find("invalid_client") != std::string::npos);
  CHECK(h.run({"oauth2", "token", "refresh", "nope"}) == kFailure);
}

TEST_CASE("usage errors: unknown grant, missing URLs, bad --param", "[cli][oauth2]") {
  Harness h;
  CHECK(h.run({"oauth2", "token", "get", "--grant", "magic"}) == kUsage);
  CHECK(h.run({"oauth2", "token", "get", "--grant", "client_credentials", "--client-id", "a"}) ==
        kUsage);
  CHECK(h.err.str().find("accessTokenUrl") != std::string::npos);
  CHECK(h.run(h.get({"--grant", "client_credentials", "--client-id", "a", "--param", "novalue"})) ==
        kUsage);
  CHECK(h.run({"oauth2", "token"}) == kUsage);
}

TEST_CASE("redact_token shows a short prefix of long tokens only", "[cli][oauth2]") {
  CHECK(redact_token("short") == "****");
  CHECK(redact_token("abcdefghijklmnopqrstuvwxyz") == "abcdef…");
}
