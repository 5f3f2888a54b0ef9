#include "runtime/requester/curl_easy.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/auth_server_process.hpp"

using namespace postern::requester;
using postern::testing::auth_server_script;
using postern::testing::AuthServerProcess;

TEST_CASE("easy handles can be made from several threads at once (global set-up runs once)") {
  std::vector<std::thread> threads;
  std::atomic<int> made{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      if (make_curl_easy()) ++made;
    });
  for (auto& thread : threads)
    thread.join();
  CHECK(made == 4);
}

namespace {

// What one GET through `proxy` brought back: libcurl's result, the status, the body.
struct Fetched {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
};

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

Fetched fetch_through(const std::string& url, const ResolvedProxy& proxy) {
  Fetched fetched;
  auto curl = make_curl_easy();
  REQUIRE(curl);
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &fetched.body);
  use_proxy(curl.get(), proxy);
  fetched.code = curl_easy_perform(curl.get());
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &fetched.status);
  return fetched;
}

ResolvedProxy proxy_at(int port, std::string user, std::string password) {
  ResolvedProxy proxy;
  proxy.route.direct = false;
  proxy.route.proxy_url = "http://127.0.0.1:" + std::to_string(port);
  proxy.credentials = {std::move(user), std::move(password)};
  return proxy;
}

}  // namespace

TEST_CASE("a proxy that wants Digest gets Digest, verified by an RFC 7616 proxy on loopback") {
  AuthServerProcess digest_proxy({"/usr/bin/python3", auth_server_script("digest_server.py"),
                                  "--proxy", "--user", "alice", "--password", "s3cret"});
  const std::string url = "http://origin.invalid/orders?id=7";
  Fetched through = fetch_through(url, proxy_at(digest_proxy.port(), "alice", "s3cret"));
  CHECK(through.code == CURLE_OK);
  CHECK(through.status == 200);
  CHECK(through.body == "verified SHA-256 auth for " + url);  // the safest it offered

  Fetched wrong = fetch_through(url, proxy_at(digest_proxy.port(), "alice", "wrong"));
  CHECK(wrong.status == 407);
  CHECK(wrong.body == "wrong response");

  Fetched none = fetch_through(url, proxy_at(digest_proxy.port(), "", ""));
  CHECK(none.status == 407);
  CHECK(none.body == "no credentials");
}

TEST_CASE("a proxy that wants NTLM gets NTLMv2 on one connection, as corporate proxies need") {
  AuthServerProcess ntlm_proxy({"/usr/bin/python3", auth_server_script("ntlm_server.py"), "--proxy",
                                "--user", "alice", "--password", "s3cret", "--domain", "CORP"});
  const std::string url = "http://intranet.invalid/report";
  Fetched through = fetch_through(url, proxy_at(ntlm_proxy.port(), "CORP\\alice", "s3cret"));
  CHECK(through.code == CURLE_OK);
  CHECK(through.status == 200);
  CHECK(through.body == "verified NTLMv2 CORP\\alice for " + url);

  Fetched wrong = fetch_through(url, proxy_at(ntlm_proxy.port(), "CORP\\alice", "wrong"));
  CHECK(wrong.status == 407);
  CHECK(wrong.body.rfind("refused: NTProofStr does not verify", 0) == 0);
}
