// EdgeGrid against Akamai's own signer: tests/support/auth_servers/edgegrid_server.py has
// Debian's python3-edgegrid (akamai.edgegrid) recompute each request's Authorization as received.
// The pinned request's exact header is kept in tests/data/auth/edgegrid/.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "roundtrip_support.hpp"
#include "runtime/auth/scheme_registry.hpp"
#include "runtime/requester/request_sender.hpp"
#include "support/auth_server_process.hpp"

using namespace postern;
using postern::testing::auth_server_script;
using postern::testing::AuthServerProcess;

namespace {

AuthServerProcess edgegrid_server(std::vector<std::string> options = {}) {
  std::vector<std::string> argv{"/usr/bin/python3", auth_server_script("edgegrid_server.py"),
                                "--client-token",   "akab-client-token-xxx-xxxxxxxxxxxxxxxx",
                                "--client-secret",  "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=",
                                "--access-token",   "akab-access-token-xxx-xxxxxxxxxxxxxxxx"};
  argv.insert(argv.end(), options.begin(), options.end());
  return AuthServerProcess(std::move(argv));
}

auth::AuthParams credentials() {
  return {{"clientToken", "akab-client-token-xxx-xxxxxxxxxxxxxxxx"},
          {"clientSecret", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx="},
          {"accessToken", "akab-access-token-xxx-xxxxxxxxxxxxxxxx"}};
}

std::unique_ptr<auth::AuthScheme> edgegrid(auth::AuthParams params) {
  return postern::testing::roundtrip_scheme("edgegrid", params);
}

requester::SendResult send(auth::AuthScheme& scheme, auth::HttpRequest request) {
  return postern::testing::roundtrip_send(std::move(request), scheme);
}

std::string data_file(const std::string& name) {
  std::ifstream in(std::string(POSTERN_AUTH_TEST_DATA) + "/edgegrid/" + name);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  std::string content = text.str();
  while (!content.empty() && content.back() == '\n')
    content.pop_back();
  return content;
}

}  // namespace

TEST_CASE("edgegrid passes Akamai's signer with signed headers and a query",
          "[roundtrip][edgegrid]") {
  auto server = edgegrid_server({"--headers-to-sign", "X-Test1,X-Test2"});
  auto params = credentials();
  params.set("headersToSign", "X-Test1, X-Test2");
  auto scheme = edgegrid(params);
  auto result = send(*scheme, {"GET",
                               server.url("/testapi/v1/t1?p1=1&p2=2"),
                               {{"X-Test2", "t2"}, {"X-Test1", "two  spaces"}, {"X-Other", "o"}},
                               ""});
  CHECK(result.response.status == 200);
  CHECK(result.body == "verified by akamai.edgegrid");
}

TEST_CASE("edgegrid's POST body hash passes inside and beyond maxBodySize",
          "[roundtrip][edgegrid]") {
  auto server = edgegrid_server({"--max-body", "16"});
  auto params = credentials();
  params.set("maxBodySize", "16");
  auto scheme = edgegrid(params);
  for (std::size_t size : {5u, 16u, 100u}) {
    INFO(size);
    auto result = send(*scheme, {"POST",
                                 server.url("/testapi/v1/t3"),
                                 {{"Content-Type", "application/json"}},
                                 std::string(size, 'd')});
    CHECK(result.response.status == 200);
  }
  CHECK(send(*scheme, {"PUT", server.url("/t6"), {}, "PPPP"}).response.status == 200);
}

TEST_CASE("edgegrid signs the baseURL's host when one is set", "[roundtrip][edgegrid]") {
  auto server =
      edgegrid_server({"--host", "akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net"});
  auto params = credentials();
  params.set("baseURL", "https://akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net/");
  auto scheme = edgegrid(params);
  CHECK(send(*scheme, {"GET", server.url("/billing/v1"), {}, ""}).response.status == 200);
}

TEST_CASE("edgegrid sends the exact pinned header and a wrong secret fails",
          "[roundtrip][edgegrid]") {
  auto server =
      edgegrid_server({"--host", "akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net"});
  auto params = credentials();
  params.set("nonce", "nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
  params.set("timestamp", "20140321T19:34:21+0000");
  params.set("baseURL", "akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net");
  auto pinned = edgegrid(params);
  auth::HttpRequest request{
      "POST", server.url("/testapi/v1/t3"), {}, "datadatadatadatadatadatadatadata"};
  auto result = send(*pinned, request);
  CHECK(result.response.status == 200);
  REQUIRE(result.legs.size() == 1);
  CHECK(auth::find_header(result.legs[0].request.headers, "Authorization").value_or("") ==
        data_file("post_pinned.authorization"));
  params = credentials();
  params.set("clientSecret", "d3Jvbmc=");
  auto wrong = edgegrid(params);
  CHECK(send(*wrong, {"GET", server.url("/x"), {}, ""}).response.status == 401);
}
