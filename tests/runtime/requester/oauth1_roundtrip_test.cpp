// OAuth 1.0a sent with send_request to a loopback server where oauthlib (Debian's
// python3-oauthlib) verifies it (tests/support/auth_servers/oauth1_server.py): every signature
// method Postman offers, in the header, a form body and the query, with a body hash, realm,
// callback and verifier.
#include <catch2/catch.hpp>

#include "roundtrip_support.hpp"
#include "runtime/auth/scheme_registry.hpp"
#include "runtime/requester/request_sender.hpp"
#include "support/auth_server_process.hpp"
#include "support/file_text.hpp"

using namespace postern;
using postern::testing::auth_server_script;
using postern::testing::AuthServerProcess;

namespace {

const std::string kKeyFile = std::string(POSTERN_AUTH_TEST_DATA) + "/oauth1/rsa-sha1-testcase.pem";

AuthServerProcess oauth_server(std::vector<std::string> options = {}) {
  std::vector<std::string> argv{"/usr/bin/python3",  auth_server_script("oauth1_server.py"),
                                "--consumer-key",    "dpf43f3p2l4k3l03",
                                "--consumer-secret", "kd94hf93k423kf44",
                                "--token",           "nnch734d00sl2jdk",
                                "--token-secret",    "pfkkdhi9sl3r4s00",
                                "--rsa-key",         kKeyFile};
  argv.insert(argv.end(), options.begin(), options.end());
  return AuthServerProcess(std::move(argv));
}

auth::AuthParams credentials(const std::string& method) {
  auth::AuthParams params{{"consumerKey", "dpf43f3p2l4k3l03"},
                          {"token", "nnch734d00sl2jdk"},
                          {"signatureMethod", method}};
  if (method.starts_with("RSA")) {
    params.set("privateKey", postern::testing::file_text(kKeyFile));
  } else {
    params.set("consumerSecret", "kd94hf93k423kf44");
    params.set("tokenSecret", "pfkkdhi9sl3r4s00");
  }
  return params;
}

requester::SendResult send(const auth::AuthParams& params, auth::HttpRequest request) {
  auto scheme = postern::testing::roundtrip_scheme("oauth1", params);
  return postern::testing::roundtrip_send(std::move(request), *scheme);
}

}  // namespace

TEST_CASE("oauth1 passes oauthlib with every signature method, in the header",
          "[roundtrip][oauth1]") {
  auto server = oauth_server();
  for (const char* method : {"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256",
                             "RSA-SHA512", "PLAINTEXT"}) {
    INFO(method);
    auto params = credentials(method);
    params.set("realm", "Photos");
    auto result = send(
        params, {"GET", server.url("/photos?file=vacation.jpg&size=original&x=a%20b+c"), {}, ""});
    CHECK(result.response.status == 200);
    CHECK(result.body == std::string("verified ") + method + " header");
  }
}

TEST_CASE("oauth1 parameters in a form body and in the query pass oauthlib",
          "[roundtrip][oauth1]") {
  auto server = oauth_server();
  auto params = credentials("HMAC-SHA256");
  params.set("addParamsToHeader", "false");
  auto form = send(params, {"POST",
                            server.url("/statuses/update.json?include_entities=true"),
                            {{"Content-Type", "application/x-www-form-urlencoded"}},
                            "status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20"
                            "request%21"});
  CHECK(form.response.status == 200);
  CHECK(form.body == "verified HMAC-SHA256 body");
  auto put = send(params, {"PUT",
                           server.url("/r"),
                           {{"Content-Type", "application/x-www-form-urlencoded"}},
                           "a=1&b=%2F"});
  CHECK(put.body == "verified HMAC-SHA256 body");
  auto query = send(params, {"GET", server.url("/photos?size=original"), {}, ""});
  CHECK(query.response.status == 200);
  CHECK(query.body == "verified HMAC-SHA256 query");
  // A JSON POST has no form to carry them: they go in the query.
  auto json =
      send(params, {"POST", server.url("/items"), {{"Content-Type", "application/json"}}, "{}"});
  CHECK(json.body == "verified HMAC-SHA256 query");
}

TEST_CASE("oauth1 body hashes, callback and verifier pass oauthlib", "[roundtrip][oauth1]") {
  auto server = oauth_server({"--require-body-hash"});
  for (const char* method : {"HMAC-SHA1", "HMAC-SHA512", "RSA-SHA256"}) {
    INFO(method);
    auto params = credentials(method);
    params.set("includeBodyHash", "true");
    params.set("callback", "http://printer.example.com/ready");
    params.set("verifier", "hfdp7dh39dks9884");
    auto result = send(params, {"POST",
                                server.url("/upload"),
                                {{"Content-Type", "application/json"}},
                                "{\"photo\":\"vacation.jpg\"}"});
    CHECK(result.response.status == 200);
    CHECK(result.body == std::string("verified ") + method + " header body-hash");
  }
}

TEST_CASE("oauth1 with the wrong token secret is refused by oauthlib", "[roundtrip][oauth1]") {
  auto server = oauth_server();
  auto params = credentials("HMAC-SHA1");
  params.set("tokenSecret", "wrong");
  auto result = send(params, {"GET", server.url("/photos"), {}, ""});
  CHECK(result.response.status == 401);
  CHECK(result.legs.size() == 1);  // OAuth 1 has no challenge to answer
}
