#include "runtime/requester/connectivity_diagnosis.hpp"

#include <catch2/catch.hpp>

using namespace postern::requester;

namespace {

TransferFacts proxied(CURLcode code, long http = 0, long connect = 0) {
  TransferFacts facts;
  facts.code = code;
  facts.http_status = http;
  facts.connect_status = connect;
  facts.via_proxy = true;
  facts.proxy = "http://corp:3128";
  facts.host = "example.com:443";
  facts.route = "custom proxy";
  facts.timeout_ms = 8000;
  return facts;
}

TransferFacts direct(CURLcode code, long http = 0) {
  TransferFacts facts = proxied(code, http);
  facts.via_proxy = false;
  facts.proxy = "direct";
  return facts;
}

ConnectivityReport diagnosed(const TransferFacts& facts) {
  ConnectivityReport report;
  diagnose(facts, report);
  return report;
}

}  // namespace

TEST_CASE("any HTTP answer from the server is reachable, naming the route") {
  auto ok = diagnosed(direct(CURLE_OK, 404));
  CHECK(ok.ok);
  CHECK(ok.failure == ConnectivityFailure::none);
  CHECK(ok.message == "reached example.com:443: HTTP 404");
  auto via = diagnosed(proxied(CURLE_OK, 200, 200));
  CHECK(via.ok);
  CHECK(via.message == "reached example.com:443 through http://corp:3128: HTTP 200");
}

TEST_CASE("proxy failures are told apart") {
  CHECK(diagnosed(proxied(CURLE_COULDNT_RESOLVE_PROXY)).failure == ConnectivityFailure::proxy_dns);
  CHECK(diagnosed(proxied(CURLE_COULDNT_CONNECT)).failure == ConnectivityFailure::proxy_refused);
  CHECK(diagnosed(proxied(CURLE_RECV_ERROR, 0, 407)).failure == ConnectivityFailure::proxy_auth);
  CHECK(diagnosed(proxied(CURLE_OK, 407)).failure == ConnectivityFailure::proxy_auth);
  CHECK(diagnosed(proxied(CURLE_RECV_ERROR, 0, 403)).failure == ConnectivityFailure::proxy_denied);
  CHECK(diagnosed(proxied(CURLE_RECV_ERROR, 0, 502)).failure ==
        ConnectivityFailure::proxy_upstream);
  CHECK(diagnosed(proxied(CURLE_OK, 504)).failure == ConnectivityFailure::proxy_upstream);
  auto auth = proxied(CURLE_RECV_ERROR, 0, 407);
  auth.credentials_sent = true;
  CHECK(diagnosed(auth).message ==
        "the proxy http://corp:3128 asks for credentials (407) and refused the ones given");
  CHECK(diagnosed(proxied(CURLE_COULDNT_CONNECT)).remedy ==
        "start the proxy, or correct proxy.custom.server in settings.json, or set "
        "proxy.custom.enabled to false");
  auto system = proxied(CURLE_COULDNT_RESOLVE_PROXY);
  system.route = "system proxy (HTTPS_PROXY)";
  CHECK(diagnosed(system).remedy ==
        "correct or unset HTTPS_PROXY in the runtime's environment, or set proxy.system.enabled "
        "to false in settings.json");
}

TEST_CASE("without a proxy, a server's 5xx is still an answer; network failures are named") {
  CHECK(diagnosed(direct(CURLE_OK, 503)).ok);
  CHECK(diagnosed(direct(CURLE_COULDNT_RESOLVE_HOST)).failure == ConnectivityFailure::dns);
  CHECK(diagnosed(direct(CURLE_COULDNT_CONNECT)).failure == ConnectivityFailure::refused);
  CHECK(diagnosed(direct(CURLE_PEER_FAILED_VERIFICATION)).failure == ConnectivityFailure::tls);
  CHECK(diagnosed(direct(CURLE_SSL_CONNECT_ERROR)).failure == ConnectivityFailure::tls);
  CHECK(diagnosed(direct(CURLE_GOT_NOTHING)).failure == ConnectivityFailure::reset);
  CHECK(diagnosed(direct(CURLE_ABORTED_BY_CALLBACK)).failure == ConnectivityFailure::cancelled);
  CHECK(diagnosed(direct(CURLE_UNSUPPORTED_PROTOCOL)).failure == ConnectivityFailure::other);
  auto timeout = diagnosed(direct(CURLE_OPERATION_TIMEDOUT));
  CHECK(timeout.failure == ConnectivityFailure::timeout);
  CHECK(timeout.message == "no answer from example.com:443 within 8000 ms");
  // Through a proxy, a timeout says which way it went.
  CHECK(diagnosed(proxied(CURLE_OPERATION_TIMEDOUT)).message ==
        "no answer from example.com:443 through the proxy http://corp:3128 within 8000 ms");
}

TEST_CASE("every failure has a remedy") {
  for (CURLcode code : {CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR,
                        CURLE_OPERATION_TIMEDOUT, CURLE_SSL_CONNECT_ERROR, CURLE_GOT_NOTHING,
                        CURLE_COULDNT_RESOLVE_HOST, CURLE_FAILED_INIT}) {
    CHECK_FALSE(diagnosed(proxied(code)).remedy.empty());
    CHECK_FALSE(diagnosed(direct(code)).remedy.empty());
  }
}
