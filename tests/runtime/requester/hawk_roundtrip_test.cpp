// Hawk against the reference implementation: Debian's node-hawk (hapijs hawk 9) verifying each
// request in tests/support/auth_servers/hawk_server.js: MAC, payload hash, ext/app/dlg, replayed
// nonces, and its "Stale timestamp" challenge when the clocks differ.
#include <catch2/catch.hpp>

#include "roundtrip_support.hpp"
#include "runtime/auth/scheme_registry.hpp"
#include "runtime/requester/request_sender.hpp"
#include "support/auth_server_process.hpp"

using namespace postern;
using postern::testing::auth_server_script;
using postern::testing::AuthServerProcess;

namespace {

constexpr const char* kId = "dh37fgj492je";
constexpr const char* kKey = "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn";

AuthServerProcess hawk_server(std::vector<std::string> options = {}) {
  std::vector<std::string> argv{
      "/usr/bin/node", auth_server_script("hawk_server.js"), "--id", kId, "--key", kKey};
  argv.insert(argv.end(), options.begin(), options.end());
  return AuthServerProcess(std::move(argv), {{"NODE_PATH", "/usr/share/nodejs"}});
}

std::unique_ptr<auth::AuthScheme> hawk(auth::AuthParams params) {
  params.set("authId", kId);
  if (!params.has("authKey")) params.set("authKey", kKey);
  return postern::testing::roundtrip_scheme("hawk", params);
}

requester::SendResult send(auth::AuthScheme& scheme, const std::string& url,
                           std::string method = "GET", std::string body = "") {
  auth::HttpRequest request{std::move(method), url, {}, std::move(body)};
  if (!request.body.empty()) {
    request.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
  }
  return postern::testing::roundtrip_send(std::move(request), scheme);
}

}  // namespace

TEST_CASE("hawk passes node-hawk with sha256 and sha1, ext, app and dlg", "[roundtrip][hawk]") {
  for (const char* algorithm : {"sha256", "sha1"}) {
    INFO(algorithm);
    auto server = hawk_server({"--algorithm", algorithm});
    auto scheme = hawk({{"algorithm", algorithm},
                        {"extraData", "some-app-ext-data"},
                        {"app", "my-app"},
                        {"delegation", "their-app"}});
    auto result = send(*scheme, server.url("/resource/1?b=1&a=2"));
    CHECK(result.response.status == 200);
    CHECK(result.body == std::string("verified ") + kId +
                             " hash=no ext=some-app-ext-data app=my-app dlg=their-app");
    // A fresh nonce each time: the server refuses replays.
    CHECK(send(*scheme, server.url("/resource/1?b=1&a=2")).response.status == 200);
  }
}

TEST_CASE("hawk's payload hash passes node-hawk's payload check", "[roundtrip][hawk]") {
  auto server = hawk_server({"--payload"});
  auto with_hash = hawk({{"includePayloadHash", "true"}});
  auto result = send(*with_hash, server.url("/items"), "POST", "{\"name\":\"hawk\"}");
  CHECK(result.response.status == 200);
  CHECK(result.body.find("hash=yes") != std::string::npos);
  auto without = hawk({});
  CHECK(send(*without, server.url("/items"), "POST", "{\"name\":\"hawk\"}").response.status == 401);
}

TEST_CASE("hawk follows node-hawk's stale-timestamp challenge to its clock", "[roundtrip][hawk]") {
  auto server = hawk_server({"--skew", "3600"});
  auto scheme = hawk({});
  auto result = send(*scheme, server.url("/later"));
  CHECK(result.response.status == 200);
  CHECK(result.legs.size() == 2);
  CHECK(send(*scheme, server.url("/later")).legs.size() == 1);  // the offset is kept
}

TEST_CASE("hawk with a wrong key is refused once", "[roundtrip][hawk]") {
  auto server = hawk_server();
  auto scheme = hawk({{"authKey", "not-the-key"}});
  auto result = send(*scheme, server.url("/x"));
  CHECK(result.response.status == 401);
  CHECK(result.legs.size() == 1);
}
