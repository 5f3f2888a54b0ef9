// send_request against real loopback servers with real libcurl: auth applied, bodies exact,
// challenges answered on the same connection, redirects under the credential rule, cookies
// used and stored, proxies honoured, transport failures named.
#include "runtime/requester/request_sender.hpp"

#include <catch2/catch.hpp>

#include "runtime/auth/scheme_registry.hpp"
#include "runtime/requester/cookie_access.hpp"
#include "runtime/requester/send_errc.hpp"
#include "support/loopback_http_server.hpp"
#include "support/scripted_http_server.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::requester;
using postern::testing::http_reply;
using postern::testing::ScriptedHttpServer;
using postern::testing::ScriptedRequest;

namespace {

std::unique_ptr<auth::AuthScheme> scheme(std::string_view type, const auth::AuthParams& params) {
  auto made = auth::make_auth_scheme(type, params, auth::system_context());
  REQUIRE(made);
  return std::move(made).value();
}

// A scheme that needs the server's nonce first, like Digest: it sends nothing until a
// "Test nonce=..." challenge came, then "Test <nonce>".
class NonceScheme final : public auth::AuthScheme {
 public:
  std::string_view type() const override { return "test"; }
  bool complete_without_server() const override { return false; }
  base::Status_or_error create_response(auth::HttpRequest& request) override {
    if (!nonce_.empty()) auth::set_header(request.headers, "Authorization", "Test " + nonce_);
    return base::Ok{};
  }
  base::Result<auth::ChallengeAnswer> decode_challenge(
      const auth::HttpRequest&, const auth::ResponseHead& response) override {
    auto challenge = auth::find_header(response.headers, "WWW-Authenticate");
    if (!challenge || !challenge->starts_with("Test nonce=")) return auth::ChallengeAnswer::done;
    nonce_ = challenge->substr(11);
    return auth::ChallengeAnswer::retry;
  }
  void reset() override {
    nonce_.clear();
    ++resets;
  }
  int resets = 0;

 private:
  std::string nonce_;
};

}  // namespace

TEST_CASE("send applies the scheme and returns status, headers, body and the raw head",
          "[requester][send]") {
  ScriptedHttpServer server([](const ScriptedRequest&) {
    return http_reply(200, "Content-Type: text/plain\r\nX-Answer: 42\r\n", "hello");
  });
  auto bearer = scheme("bearer", {{"token", "tok"}});
  auto sent = send_request({"GET", server.url() + "/a?b=1", {{"X-Trace", "t1"}}, ""}, *bearer, {});
  REQUIRE(sent);
  const auto& result = sent.value();
  CHECK(result.response.status == 200);
  CHECK(auth::find_header(result.response.headers, "x-answer") == "42");
  CHECK(result.body == "hello");
  CHECK(result.final_url == server.url() + "/a?b=1");
  REQUIRE(result.legs.size() == 1);
  CHECK(result.legs[0].raw_request_head.starts_with("GET /a?b=1 HTTP/1.1\r\n"));
  CHECK(result.legs[0].raw_request_head.find("Authorization: Bearer tok\r\n") != std::string::npos);
  auto seen = server.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].header("Authorization") == "Bearer tok");
  CHECK(seen[0].header("X-Trace") == "t1");
}

TEST_CASE("a body goes out byte for byte, without headers libcurl would invent",
          "[requester][send]") {
  ScriptedHttpServer server([](const ScriptedRequest&) { return http_reply(201); });
  auto none = scheme("noauth", {});
  std::string body(200000, 'x');
  body[7] = '\0';
  auto sent = send_request({"PUT", server.url() + "/upload", {}, body}, *none, {});
  REQUIRE(sent);
  CHECK(sent.value().response.status == 201);
  auto seen = server.requests();
  REQUIRE(seen.size() == 1);
  CHECK(seen[0].method() == "PUT");
  CHECK(seen[0].body == body);
  CHECK(seen[0].header("Content-Type").empty());
  CHECK(seen[0].header("Expect").empty());
}

TEST_CASE("a challenge is answered on the same connection, and never forever",
          "[requester][send][auth]") {
  int always_401 = 0;
  ScriptedHttpServer server([&](const ScriptedRequest& request) {
    if (request.target() == "/forever") {
      ++always_401;
      return http_reply(401,
                        "WWW-Authenticate: Test nonce=n" + std::to_string(always_401) + "\r\n");
    }
    if (request.header("Authorization") == "Test abc") return http_reply(200, {}, "in");
    return http_reply(401, "WWW-Authenticate: Test nonce=abc\r\n");
  });
  NonceScheme nonce;
  auto sent = send_request({"GET", server.url() + "/", {}, ""}, nonce, {});
  REQUIRE(sent);
  CHECK(sent.value().response.status == 200);
  REQUIRE(sent.value().legs.size() == 2);
  CHECK(sent.value().legs[0].response.status == 401);
  auto seen = server.requests();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].connection == seen[1].connection);

  NonceScheme looping;
  auto capped = send_request({"GET", server.url() + "/forever", {}, ""}, looping, {});
  REQUIRE(capped);
  CHECK(capped.value().response.status == 401);
  CHECK(capped.value().legs.size() == 4);  // the first try and max_auth_rounds (3) retries

  NonceScheme off;
  SendOptions no_retry;
  no_retry.answer_challenges = false;
  auto single = send_request({"GET", server.url() + "/", {}, ""}, off, no_retry);
  REQUIRE(single);
  CHECK(single.value().legs.size() == 1);
}

TEST_CASE("redirects: methods change as RFC 9110 says and the chain is kept",
          "[requester][send][redirect]") {
  ScriptedHttpServer server([](const ScriptedRequest& request) {
    if (request.target() == "/302") return http_reply(302, "Location: /303\r\n");
    if (request.target() == "/303") return http_reply(303, "Location: done\r\n");
    if (request.target() == "/307") return http_reply(307, "Location: /done\r\n");
    if (request.target() == "/loop") return http_reply(302, "Location: /loop\r\n");
    return http_reply(200, {}, request.method() + " " + request.body);
  });
  auto none = scheme("noauth", {});
  auto post = send_request(
      {"POST", server.url() + "/302", {{"Content-Type", "text/plain"}}, "data"}, *none, {});
  REQUIRE(post);
  CHECK(post.value().legs.size() == 3);
  CHECK(post.value().final_url == server.url() + "/done");
  CHECK(post.value().body == "GET ");
  auto kept = send_request({"POST", server.url() + "/307", {}, "data"}, *none, {});
  REQUIRE(kept);
  CHECK(kept.value().body == "POST data");

  SendOptions few;
  few.max_redirects = 3;
  auto loop = send_request({"GET", server.url() + "/loop", {}, ""}, *none, few);
  REQUIRE_FALSE(loop);
  CHECK(loop.error().code == send_errc::too_many_redirects);

  SendOptions stay;
  stay.follow_redirects = false;
  auto unfollowed = send_request({"GET", server.url() + "/302", {}, ""}, *none, stay);
  REQUIRE(unfollowed);
  CHECK(unfollowed.value().response.status == 302);
}

TEST_CASE("credentials stay with their origin across a redirect unless trusted",
          "[requester][send][redirect]") {
  ScriptedHttpServer other([](const ScriptedRequest&) { return http_reply(200); });
  ScriptedHttpServer first([&](const ScriptedRequest&) {
    return http_reply(302, "Location: " + other.url() + "/landing\r\n");
  });
  for (auto policy : {SensitivePolicy::same_origin, SensitivePolicy::any_host}) {
    auto basic = scheme("basic", {{"username", "u"}, {"password", "p"}});
    SendOptions options;
    options.sensitive = policy;
    auto sent = send_request(
        {"GET", first.url() + "/", {{"Cookie", "typed=1"}, {"X-Keep", "k"}}, ""}, *basic, options);
    REQUIRE(sent);
    auto landing = other.requests().back();
    CHECK(landing.header("X-Keep") == "k");
    bool trusted = policy == SensitivePolicy::any_host;
    CHECK(landing.header("Authorization").empty() != trusted);
    CHECK(landing.header("Cookie").empty() != trusted);
    CHECK(first.requests().back().header("Authorization") == "Basic dTpw");
  }
  NonceScheme nonce;
  (void)send_request({"GET", first.url() + "/", {}, ""}, nonce, {});
  CHECK(nonce.resets == 1);  // what one origin taught the scheme is forgotten at the next
}

TEST_CASE("the cookie jar is used and updated, and saved to its file",
          "[requester][send][cookies]") {
  postern::testing::TempDir home;
  auto service = cookies::CookieJarService::open(home.path() / "cookies.json");
  REQUIRE(service);
  JarCookieAccess jar(*service.value());
  ScriptedHttpServer server([](const ScriptedRequest& request) {
    if (request.target() == "/login") return http_reply(200, "Set-Cookie: sid=s1; Path=/\r\n");
    return http_reply(200, {}, request.header("Cookie"));
  });
  auto none = scheme("noauth", {});
  SendOptions options;
  options.cookies = &jar;
  REQUIRE(send_request({"GET", server.url() + "/login", {}, ""}, *none, options));
  auto again =
      send_request({"GET", server.url() + "/me", {{"Cookie", "typed=1"}}, ""}, *none, options);
  REQUIRE(again);
  CHECK(again.value().body == "typed=1; sid=s1");
  auto without = send_request({"GET", server.url() + "/me", {}, ""}, *none, {});
  REQUIRE(without);
  CHECK(without.value().body.empty());
  auto reopened = cookies::CookieJarService::open(home.path() / "cookies.json");
  REQUIRE(reopened);
  // sid is a session cookie: the file keeps persistent ones only, as browsers do.
  CHECK(reopened.value()->jar().size() == 0);
}

TEST_CASE("the chosen proxy gets the absolute-form request", "[requester][send][proxy]") {
  // A proxy that wants Basic: the credentials go once it has asked (407), never before.
  ScriptedHttpServer proxy([](const ScriptedRequest& request) {
    if (request.header("Proxy-Authorization").empty())
      return http_reply(407, "Proxy-Authenticate: Basic realm=\"corp\"\r\n");
    return http_reply(200, {}, "via proxy");
  });
  auto none = scheme("noauth", {});
  SendOptions options;
  options.proxy = [&](const std::string& url) {
    ResolvedProxy resolved;
    if (url.find("direct.test") == std::string::npos) {
      resolved.route.direct = false;
      resolved.route.proxy_url = proxy.url();
      resolved.credentials = {"pu", "pp"};
    }
    return resolved;
  };
  auto sent = send_request({"GET", "http://api.example.test/v1", {}, ""}, *none, options);
  REQUIRE(sent);
  CHECK(sent.value().body == "via proxy");
  auto seen = proxy.requests();
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].target() == "http://api.example.test/v1");
  CHECK(seen[0].header("Proxy-Authorization").empty());
  CHECK(seen[1].target() == "http://api.example.test/v1");
  CHECK(seen[1].header("Proxy-Authorization") == "Basic cHU6cHA=");
}

TEST_CASE("a transport failure is an error naming the host", "[requester][send]") {
  auto none = scheme("noauth", {});
  auto port = postern::testing::LoopbackHttpServer::closed_port();
  auto refused =
      send_request({"GET", "http://127.0.0.1:" + std::to_string(port) + "/", {}, ""}, *none, {});
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == send_errc::transport);
  CHECK(refused.error().message.find("127.0.0.1:" + std::to_string(port)) != std::string::npos);
  CHECK(refused.error().remedy.find("server listens at 127.0.0.1:") != std::string::npos);
}
