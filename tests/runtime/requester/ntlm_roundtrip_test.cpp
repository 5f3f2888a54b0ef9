// NTLM sent with send_request to an IIS-like loopback server
// (tests/support/auth_servers/ntlm_server.py: messages written from MS-NLMP, NTOWFv2 from
// python3-ntlm-auth) that binds the handshake to the TCP connection, so a pass also shows that
// the requester kept one connection for NEGOTIATE, CHALLENGE and AUTHENTICATE.
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

AuthServerProcess ntlm_server(std::vector<std::string> options = {}) {
  std::vector<std::string> argv{"/usr/bin/python3", auth_server_script("ntlm_server.py"),
                                "--user",           "User",
                                "--password",       "Pässword",
                                "--domain",         "Domain"};
  argv.insert(argv.end(), options.begin(), options.end());
  return AuthServerProcess(std::move(argv));
}

requester::SendResult send(const auth::AuthParams& params, const std::string& url) {
  auto scheme = postern::testing::roundtrip_scheme("ntlm", params);
  return postern::testing::roundtrip_send({"GET", url, {}, ""}, *scheme);
}

}  // namespace

TEST_CASE("ntlm completes the handshake on one connection", "[roundtrip][ntlm]") {
  auto server = ntlm_server();
  auto result = send({{"username", "User"},
                      {"password", "Pässword"},
                      {"domain", "Domain"},
                      {"workstation", "POSTERN"}},
                     server.url("/protected"));
  CHECK(result.response.status == 200);
  CHECK(result.body == "verified NTLMv2 Domain\\User");
  REQUIRE(result.legs.size() == 2);
  // The first leg's header is the NEGOTIATE message byte for byte (tests/data/auth/ntlm/).
  std::string negotiate = postern::testing::file_text(std::string(POSTERN_AUTH_TEST_DATA) +
                                                      "/ntlm/negotiate-authorization.txt");
  while (!negotiate.empty() && negotiate.back() == '\n')
    negotiate.pop_back();
  CHECK(auth::find_header(result.legs[0].request.headers, "Authorization") == negotiate);
  CHECK(result.legs[0].response.status == 401);
}

TEST_CASE("ntlm takes the domain from DOMAIN\\user and user@DOMAIN", "[roundtrip][ntlm]") {
  auto server = ntlm_server();
  CHECK(send({{"username", "Domain\\User"}, {"password", "Pässword"}}, server.url("/a")).body ==
        "verified NTLMv2 Domain\\User");
  CHECK(send({{"username", "user@DOMAIN"}, {"password", "Pässword"}}, server.url("/b")).body ==
        "verified NTLMv2 DOMAIN\\user");
}

TEST_CASE("ntlm answers a server that sends MsvAvTimestamp", "[roundtrip][ntlm]") {
  auto server = ntlm_server({"--timestamp"});
  auto result = send({{"username", "User"}, {"password", "Pässword"}, {"domain", "Domain"}},
                     server.url("/ts"));
  CHECK(result.response.status == 200);
}

TEST_CASE("ntlm with a wrong password stops after one refusal", "[roundtrip][ntlm]") {
  auto server = ntlm_server();
  auto result = send({{"username", "User"}, {"password", "wrong"}, {"domain", "Domain"}},
                     server.url("/protected"));
  CHECK(result.response.status == 401);
  CHECK(result.legs.size() == 2);
  CHECK(result.body.starts_with("refused: NTProofStr does not verify"));
}

TEST_CASE("ntlm with disableRetryRequest sends NEGOTIATE only", "[roundtrip][ntlm]") {
  auto server = ntlm_server();
  auto result = send({{"username", "User"},
                      {"password", "Pässword"},
                      {"domain", "Domain"},
                      {"disableRetryRequest", "true"}},
                     server.url("/protected"));
  CHECK(result.response.status == 401);
  CHECK(result.legs.size() == 1);
}

TEST_CASE("the requester's POST gets through a proxy that wants NTLM, body and all",
          "[roundtrip][ntlm][proxy]") {
  AuthServerProcess proxy({"/usr/bin/python3", auth_server_script("ntlm_server.py"), "--proxy",
                           "--user", "alice", "--password", "s3cret", "--domain", "CORP"});
  const std::string url = "http://intranet.invalid/orders";
  // NEGOTIATE and AUTHENTICATE go on one connection, and the body must arrive whole with the
  // request that completes the handshake.
  auto sent = postern::testing::post_through_proxy(proxy.port(), "CORP\\alice", "s3cret", url);
  CHECK(sent.response.status == 200);
  CHECK(sent.body == "verified NTLMv2 CORP\\alice for " + url + " with 8 body bytes");
}
