// The capture proxy through real sockets on 127.0.0.1: a raw client in front, a canned loopback
// origin behind, the real ProxyServer (listener, sessions, relay, connector, TLS, tunnels) in
// between, and hooks that record what capture would see.
#include "runtime/proxy/proxy_server.hpp"

#include <catch2/catch.hpp>

#include <openssl/x509v3.h>

#include "platform/test_ca.hpp"
#include "runtime/proxy/raw_client.hpp"
#include "runtime/proxy/recording_hooks.hpp"
#include "support/loopback_http_server.hpp"

using namespace postern;
using testing::LoopbackHttpServer;
using testing::LoopbackReply;
using testing::RawClient;

namespace {

constexpr const char* kHello =
    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";

struct RunningProxy {
  explicit RunningProxy(proxy::ProxyOptions options = {}, bool with_ca = true) {
    options.listen.port = 0;
    options.threads = 1;
    std::shared_ptr<certs::CertStore> leaves;
    if (with_ca) leaves = std::make_shared<certs::CertStore>(ca.ca);
    context = std::make_shared<proxy::ProxyContext>(
        options, leaves, hooks, proxy::CaDownload{"PEM-TEXT", "DER", "AB:CD", "Test CA"},
        [this](const std::string& line) {
          std::lock_guard lock(log_mutex);
          log += line + "\n";
        });
    server = std::make_unique<proxy::ProxyServer>(context);
    auto started = server->start();
    REQUIRE(started);
  }
  std::string log_text() {
    std::lock_guard lock(log_mutex);
    return log;
  }

  testing::TestCa ca;
  std::shared_ptr<testing::RecordingHooks> hooks = std::make_shared<testing::RecordingHooks>();
  std::shared_ptr<proxy::ProxyContext> context;
  std::unique_ptr<proxy::ProxyServer> server;
  std::mutex log_mutex;
  std::string log;
};

std::string get(const std::string& url, const std::string& host) {
  return "GET " + url + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
}

}  // namespace

TEST_CASE("an absolute-form GET is relayed in origin-form and reported to the hooks", "[proxy]") {
  LoopbackHttpServer origin(kHello);
  RunningProxy running;
  RawClient client(running.server->port());
  client.send(get("http://" + origin.authority() + "/a?b=1", origin.authority()));
  const std::string response = client.read_until();
  CHECK(response.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(response.find("Connection: close\r\n") != std::string::npos);
  CHECK(response.substr(response.size() - 5) == "hello");
  REQUIRE(origin.requests().size() == 1);
  CHECK(origin.requests()[0].rfind("GET /a?b=1 HTTP/1.1\r\nHost: " + origin.authority(), 0) == 0);
  const auto exchanges = running.hooks->wait_finished(1);
  REQUIRE(exchanges.size() == 1);
  CHECK(exchanges[0].url == "http://" + origin.authority() + "/a?b=1");
  CHECK(exchanges[0].status == 200);
  CHECK(exchanges[0].response_body == "hello");
  CHECK(exchanges[0].end.error.empty());
  CHECK(exchanges[0].end.server_address == origin.authority());
  CHECK(exchanges[0].end.response_body_bytes == 5);
}

TEST_CASE("a body the hooks decline is still relayed in full", "[proxy]") {
  LoopbackHttpServer origin(kHello);
  RunningProxy running;
  running.hooks->want_response_bodies = false;
  RawClient client(running.server->port());
  client.send(get("http://" + origin.authority() + "/", origin.authority()));
  CHECK(client.read_until().substr(0, 15) == "HTTP/1.1 200 OK");
  const auto exchanges = running.hooks->wait_finished(1);
  CHECK(exchanges[0].response_body.empty());
  CHECK(exchanges[0].end.response_body_bytes == 5);
}

TEST_CASE("a request body streams upstream and is reported", "[proxy]") {
  LoopbackHttpServer origin(kHello);
  RunningProxy running;
  RawClient client(running.server->port());
  client.send("POST http://" + origin.authority() + "/p HTTP/1.1\r\nHost: " + origin.authority() +
              "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  CHECK(client.read_until().substr(0, 15) == "HTTP/1.1 200 OK");
  const auto exchanges = running.hooks->wait_finished(1);
  CHECK(exchanges[0].request_body == "abc");
  CHECK(exchanges[0].method == "POST");
}

TEST_CASE("origin failures get pages that name the cause", "[proxy]") {
  SECTION("refused: 502") {
    RunningProxy running;
    const std::string authority = "127.0.0.1:" + std::to_string(LoopbackHttpServer::closed_port());
    RawClient client(running.server->port());
    client.send(get("http://" + authority + "/", authority));
    const std::string response = client.read_until();
    CHECK(response.rfind("HTTP/1.1 502 Bad Gateway\r\n", 0) == 0);
    CHECK(response.find("X-Postern-Error: refused\r\n") != std::string::npos);
    CHECK(response.find(authority + " refused the connection") != std::string::npos);
    const auto exchanges = running.hooks->wait_finished(1);
    CHECK(exchanges[0].end.error.find("refused") != std::string::npos);
    CHECK(running.context->counters().upstream_failures == 1);
  }
  SECTION("silent: 504 after the response timeout") {
    LoopbackHttpServer origin("", LoopbackReply::silent);
    proxy::ProxyOptions options;
    options.timeouts.response_head = std::chrono::seconds(1);
    RunningProxy running(options);
    RawClient client(running.server->port());
    client.send(get("http://" + origin.authority() + "/", origin.authority()));
    const std::string response = client.read_until();
    CHECK(response.rfind("HTTP/1.1 504 Gateway Timeout\r\n", 0) == 0);
    CHECK(response.find("X-Postern-Error: timeout") != std::string::npos);
  }
  SECTION("hung up: 502 reset") {
    LoopbackHttpServer origin("", LoopbackReply::hang_up);
    RunningProxy running;
    RawClient client(running.server->port());
    client.send(get("http://" + origin.authority() + "/", origin.authority()));
    const std::string response = client.read_until();
    CHECK(response.rfind("HTTP/1.1 502 Bad Gateway\r\n", 0) == 0);
    CHECK(response.find("closed the connection without answering") != std::string::npos);
  }
}

TEST_CASE("the proxy serves its own pages and never loops to itself", "[proxy]") {
  RunningProxy running;
  SECTION("http://postern.proxy/ca.pem") {
    RawClient client(running.server->port());
    client.send(get("http://postern.proxy/ca.pem", "postern.proxy"));
    const std::string response = client.read_until();
    CHECK(response.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    CHECK(response.substr(response.size() - 8) == "PEM-TEXT");
  }
  SECTION("the proxy's own address") {
    const std::string self = "127.0.0.1:" + std::to_string(running.server->port());
    RawClient client(running.server->port());
    client.send(get("http://" + self + "/", self));
    const std::string response = client.read_until();
    CHECK(response.find("Postern proxy CA") != std::string::npos);
  }
  CHECK(running.hooks->wait_finished(0).empty());
}

TEST_CASE("smuggling-shaped requests are refused with 400 and never forwarded", "[proxy]") {
  LoopbackHttpServer origin(kHello);
  RunningProxy running;
  RawClient client(running.server->port());
  client.send("POST http://" + origin.authority() + "/ HTTP/1.1\r\nHost: " + origin.authority() +
              "\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  const std::string response = client.read_until();
  CHECK(response.rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
  CHECK(origin.requests().empty());
}

TEST_CASE("CONNECT with plain HTTP inside is relayed to the tunnel's origin", "[proxy]") {
  LoopbackHttpServer origin(kHello);
  RunningProxy running;
  RawClient client(running.server->port());
  client.send("CONNECT " + origin.authority() + " HTTP/1.1\r\nHost: " + origin.authority() +
              "\r\n\r\n");
  CHECK(client.read_until("\r\n\r\n") == "HTTP/1.1 200 Connection established\r\n\r\n");
  client.send(get("/inside", origin.authority()));
  CHECK(client.read_until().find("hello") != std::string::npos);
  const auto exchanges = running.hooks->wait_finished(1);
  CHECK(exchanges[0].url == "http://" + origin.authority() + "/inside");
}

TEST_CASE("CONNECT to a pass-through host tunnels the bytes untouched", "[proxy]") {
  LoopbackHttpServer origin(kHello);
  proxy::ProxyOptions options;
  options.pass_through = {"127.0.0.1"};
  RunningProxy running(options);
  RawClient client(running.server->port());
  client.send("CONNECT " + origin.authority() + " HTTP/1.1\r\nHost: x\r\n\r\n");
  CHECK(client.read_until("\r\n\r\n").find(" 200 ") != std::string::npos);
  client.send(std::string("\x16\x03\x01\x00\x05hello", 10));  // a TLS record, not parsed here
  CHECK(client.read_until().find("hello") != std::string::npos);
  REQUIRE(origin.requests().size() == 1);
  CHECK(origin.requests()[0] == "<TLS ClientHello>");  // the origin got the TLS bytes as sent
  CHECK(running.context->counters().tunnelled == 1);
  CHECK(running.hooks->wait_finished(0).empty());
}

TEST_CASE("without a CA, HTTPS is tunnelled rather than intercepted", "[proxy]") {
  LoopbackHttpServer origin(kHello);
  RunningProxy running({}, false);
  RawClient client(running.server->port());
  client.send("CONNECT " + origin.authority() + " HTTP/1.1\r\nHost: x\r\n\r\n");
  client.read_until("\r\n\r\n");
  client.send(std::string("\x16\x03\x01\x00\x05hello", 10));
  CHECK(client.read_until().find("hello") != std::string::npos);
  CHECK(running.context->counters().tunnelled == 1);
}

TEST_CASE("TLS interception presents a leaf for the SNI name, signed by the CA", "[proxy][tls]") {
  // The origin speaks plain HTTP, so the proxy's own TLS handshake upstream fails: the client,
  // inside its intercepted TLS session, gets the 502 page that says so.
  LoopbackHttpServer origin(kHello);
  RunningProxy running;
  RawClient client(running.server->port());
  client.send("CONNECT " + origin.authority() + " HTTP/1.1\r\nHost: x\r\n\r\n");
  client.read_until("\r\n\r\n");
  const long verified = client.start_tls("api.example.test", running.ca.cert_file().string());
  CHECK(verified == X509_V_OK);
  client.send(get("/secure", "api.example.test"));
  const std::string response = client.read_until();
  CHECK(response.rfind("HTTP/1.1 502 Bad Gateway\r\n", 0) == 0);
  CHECK(response.find("X-Postern-Error: tls") != std::string::npos);
  const auto exchanges = running.hooks->wait_finished(1);
  CHECK(exchanges[0].url ==
        "https://api.example.test:" + std::to_string(origin.port()) + "/secure");
  CHECK(exchanges[0].tls);
  CHECK(running.context->counters().intercepted == 1);
}

TEST_CASE("a client that rejects the leaf is logged with the fix", "[proxy][tls]") {
  LoopbackHttpServer origin(kHello);
  RunningProxy running;
  testing::TestCa other("someone-else");
  RawClient client(running.server->port());
  client.send("CONNECT " + origin.authority() + " HTTP/1.1\r\nHost: x\r\n\r\n");
  client.read_until("\r\n\r\n");
  // Verification on: the handshake fails on the client side, which alerts and closes.
  const long verified = client.start_tls("api.example.test", other.cert_file().string());
  CHECK(verified != X509_V_OK);
}

TEST_CASE("a port in use is refused with a sentence naming it", "[proxy]") {
  RunningProxy first;
  proxy::ProxyOptions options;
  options.listen.port = first.server->port();
  auto context = std::make_shared<proxy::ProxyContext>(options, nullptr, nullptr,
                                                       proxy::CaDownload{}, nullptr);
  proxy::ProxyServer second(context);
  auto started = second.start();
  REQUIRE_FALSE(started);
  CHECK(started.error().message.find("already in use") != std::string::npos);
  CHECK(started.error().remedy.find("--port") != std::string::npos);
}

TEST_CASE("stop() closes connections that are still open", "[proxy]") {
  RunningProxy running;
  RawClient client(running.server->port());
  client.send("GET http://postern.proxy/ HTTP/1.1\r\nHost: postern.proxy\r\n\r\n");
  CHECK(client.read_until("</html>").find("Postern") != std::string::npos);
  running.server->stop();
  client.read_until({}, std::chrono::seconds(5));
  CHECK(client.closed());
  CHECK(running.context->counters().open_connections == 0);
}
