// Digest against servers that verify it: the RFC 7616 verifier written for these tests
// (tests/support/auth_servers/digest_server.py: every algorithm, -sess, auth-int, userhash,
// stale nonces, nc replay) and Debian's lighttpd (independent: MD5 and SHA-256, qop=auth).
#include <catch2/catch.hpp>

#include "roundtrip_support.hpp"
#include "runtime/auth/scheme_registry.hpp"
#include "runtime/requester/request_sender.hpp"
#include "support/auth_server_process.hpp"

using namespace postern;
using postern::testing::auth_server_script;
using postern::testing::AuthServerProcess;

namespace {

constexpr const char* kUser = "Mufasa";
constexpr const char* kPassword = "Circle of Life";

AuthServerProcess digest_server(std::vector<std::string> options = {}) {
  std::vector<std::string> argv{"/usr/bin/python3", auth_server_script("digest_server.py"),
                                "--user",           kUser,
                                "--password",       kPassword};
  argv.insert(argv.end(), options.begin(), options.end());
  return AuthServerProcess(std::move(argv));
}

std::unique_ptr<auth::AuthScheme> digest(auth::AuthParams params = {}) {
  params.set("username", kUser);
  if (!params.has("password")) params.set("password", kPassword);
  return postern::testing::roundtrip_scheme("digest", params);
}

requester::SendResult send(auth::AuthScheme& scheme, const std::string& url,
                           std::string method = "GET", std::string body = "") {
  auth::HttpRequest request{std::move(method), url, {}, std::move(body)};
  if (!request.body.empty()) request.headers.push_back({"Content-Type", "text/plain"});
  return postern::testing::roundtrip_send(std::move(request), scheme);
}

}  // namespace

TEST_CASE("digest passes the verifier with every algorithm and qop", "[roundtrip][digest]") {
  for (const char* algorithm :
       {"MD5", "MD5-sess", "SHA-256", "SHA-256-sess", "SHA-512-256", "SHA-512-256-sess"}) {
    for (const char* qop : {"auth", "auth-int"}) {
      INFO(algorithm << " " << qop);
      auto server = digest_server({"--algorithms", algorithm, "--qop", qop});
      auto scheme = digest();
      auto result = send(*scheme, server.url("/dir/index.html?a=1&b=2"), "POST", "entity body");
      CHECK(result.response.status == 200);
      CHECK(result.legs.size() == 2);  // the challenge, then the answer
      CHECK(result.body == std::string("verified ") + algorithm + " " + qop);
    }
  }
}

TEST_CASE("digest answers an RFC 2069 challenge (no qop)", "[roundtrip][digest]") {
  auto server = digest_server({"--algorithms", "MD5", "--qop", "none"});
  auto scheme = digest();
  auto result = send(*scheme, server.url("/old"));
  CHECK(result.response.status == 200);
  CHECK(result.body == "verified MD5 none");
}

TEST_CASE("digest hashes the user name when the server asks", "[roundtrip][digest]") {
  auto server = digest_server({"--algorithms", "SHA-256", "--userhash"});
  auto scheme = digest();
  CHECK(send(*scheme, server.url("/u")).response.status == 200);
}

TEST_CASE("digest counts nonce uses and follows a stale nonce", "[roundtrip][digest]") {
  auto server = digest_server({"--stale-after", "2"});
  auto scheme = digest();
  auto first = send(*scheme, server.url("/a"));
  CHECK(first.response.status == 200);
  CHECK(first.legs.size() == 2);
  auto second = send(*scheme, server.url("/b"));  // the same nonce, nc=00000002
  CHECK(second.response.status == 200);
  CHECK(second.legs.size() == 1);
  auto third = send(*scheme, server.url("/c"));  // stale=true, then the new nonce
  CHECK(third.response.status == 200);
  CHECK(third.legs.size() == 2);
}

TEST_CASE("digest stops after one refusal and honours disableRetryRequest", "[roundtrip][digest]") {
  auto server = digest_server();
  auto wrong = digest({{"password", "wrong"}});
  auto refused = send(*wrong, server.url("/x"));
  CHECK(refused.response.status == 401);
  CHECK(refused.legs.size() == 2);
  auto no_retry = digest({{"disableRetryRequest", "true"}});
  auto once = send(*no_retry, server.url("/x"));
  CHECK(once.response.status == 401);
  CHECK(once.legs.size() == 1);
}

TEST_CASE("digest passes lighttpd's mod_auth with SHA-256 and MD5", "[roundtrip][digest]") {
  for (const char* algorithm : {"SHA-256", "MD5"}) {
    INFO(algorithm);
    AuthServerProcess lighttpd({"/usr/bin/python3", auth_server_script("digest_lighttpd.py"),
                                "--user", kUser, "--password", kPassword, "--algorithms",
                                algorithm});
    auto scheme = digest({{"algorithm", algorithm}});
    auto result = send(*scheme, lighttpd.url("/index.html"));
    CHECK(result.response.status == 200);
    CHECK(result.body == "verified by lighttpd\n");
    auto again = send(*scheme, lighttpd.url("/index.html?second"));
    CHECK(again.response.status == 200);
    CHECK(again.legs.size() == 1);
    auto wrong = digest({{"algorithm", algorithm}, {"password", "nope"}});
    CHECK(send(*wrong, lighttpd.url("/index.html")).response.status == 401);
  }
}

TEST_CASE("the requester's POST gets through a proxy that wants Digest, body and all",
          "[roundtrip][digest][proxy]") {
  AuthServerProcess proxy = digest_server({"--proxy", "--algorithms", "MD5"});
  const std::string url = "http://orders.invalid/orders";
  // The first try goes without credentials and is answered 407; the body goes again with them.
  auto sent = postern::testing::post_through_proxy(proxy.port(), kUser, kPassword, url);
  CHECK(sent.response.status == 200);
  CHECK(sent.body == "verified MD5 auth for " + url + " with 8 body bytes");
}
