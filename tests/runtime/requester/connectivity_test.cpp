// The connectivity check with real libcurl against loopback servers: direct, through a proxy
// (which records the absolute-form or CONNECT line it was sent), and every way it can fail.
#include "runtime/requester/connectivity.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <thread>

#include "runtime/requester/runtime_settings.hpp"
#include "support/loopback_http_server.hpp"
#include "support/scripted_http_server.hpp"
#include "support/temp_dir.hpp"

using namespace postern::requester;
using namespace postern::testing;
using namespace std::chrono_literals;

namespace {

constexpr const char* kNoContent = "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";

ResolvedProxy through(const LoopbackHttpServer& proxy, std::string user = "") {
  ResolvedProxy resolved;
  resolved.route.direct = false;
  resolved.route.proxy_url = "http://" + proxy.authority();
  resolved.route.source = "custom proxy";
  resolved.credentials.username = user;
  resolved.credentials.password = user.empty() ? "" : "s3cret";
  return resolved;
}

ConnectivityRequest request_for(std::string url, ResolvedProxy proxy = {}) {
  ConnectivityRequest request;
  request.url = std::move(url);
  request.proxy = std::move(proxy);
  request.timeout = 3s;
  return request;
}

}  // namespace

TEST_CASE("direct: a server's answer is success, with status and time") {
  LoopbackHttpServer server(kNoContent);
  auto report = check_connectivity(request_for("http://" + server.authority() + "/ping"));
  CHECK(report.ok);
  CHECK(report.http_status == 204);
  CHECK(report.via == "direct");
  CHECK(report.failure == ConnectivityFailure::none);
  CHECK(report.elapsed_ms < 3000);
  REQUIRE(server.requests().size() == 1);
  CHECK(server.requests()[0].rfind("HEAD /ping HTTP/1.1\r\n", 0) == 0);
}

TEST_CASE("a password in the checked URL never reaches the report") {
  LoopbackHttpServer server(kNoContent);
  auto report = check_connectivity(request_for("http://user:s3cret@" + server.authority() + "/"));
  CHECK(report.ok);
  CHECK(report.url == "http://user:***@" + server.authority() + "/");
  CHECK(to_json(report).dump().find("s3cret") == std::string::npos);
}

TEST_CASE("through a proxy: the request goes to the proxy in absolute form, with credentials") {
  // A proxy that wants Basic: the credentials go once it has asked (407), not before.
  ScriptedHttpServer proxy([](const ScriptedRequest& request) {
    if (request.header("Proxy-Authorization").empty())
      return http_reply(407, "Proxy-Authenticate: Basic realm=\"corp\"\r\n");
    return http_reply(200);
  });
  const std::string target =
      "http://127.0.0.1:" + std::to_string(LoopbackHttpServer::closed_port());
  ResolvedProxy resolved;
  resolved.route.direct = false;
  resolved.route.proxy_url = proxy.url();
  resolved.credentials = {"alice", "s3cret"};
  auto report = check_connectivity(request_for(target + "/", resolved));
  CHECK(report.ok);
  CHECK(report.via == proxy.url());
  const auto requests = proxy.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].head.rfind("HEAD " + target + "/ HTTP/1.1\r\n", 0) == 0);
  CHECK(requests[0].header("Proxy-Authorization").empty());
  CHECK(requests[1].header("Proxy-Authorization") == "Basic YWxpY2U6czNjcmV0");
}

TEST_CASE("through a proxy that is not there: proxy_refused") {
  ResolvedProxy proxy;
  proxy.route.direct = false;
  proxy.route.proxy_url = "http://127.0.0.1:" + std::to_string(LoopbackHttpServer::closed_port());
  proxy.route.source = "system proxy (HTTPS_PROXY)";
  auto report = check_connectivity(request_for("https://example.com/", proxy));
  CHECK(report.failure == ConnectivityFailure::proxy_refused);
  CHECK(report.message.find("the proxy " + proxy.route.proxy_url) == 0);
  CHECK(report.remedy.find("HTTPS_PROXY") != std::string::npos);
}

TEST_CASE("a proxy that wants credentials for CONNECT: proxy_auth") {
  LoopbackHttpServer proxy(
      "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"x\"\r\n"
      "Content-Length: 0\r\n\r\n");
  auto report = check_connectivity(request_for("https://example.com/", through(proxy)));
  CHECK(report.failure == ConnectivityFailure::proxy_auth);
  CHECK(report.http_status == 407);
  REQUIRE_FALSE(proxy.requests().empty());
  CHECK(proxy.requests()[0].rfind("CONNECT example.com:443 HTTP/1.1\r\n", 0) == 0);
}

TEST_CASE("a proxy that refuses the tunnel or cannot reach the server") {
  LoopbackHttpServer forbidden("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");
  CHECK(check_connectivity(request_for("https://example.com/", through(forbidden))).failure ==
        ConnectivityFailure::proxy_denied);
  LoopbackHttpServer gateway("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
  CHECK(check_connectivity(request_for("https://example.com/", through(gateway))).failure ==
        ConnectivityFailure::proxy_upstream);
  LoopbackHttpServer plain_gateway("HTTP/1.1 504 Gateway Timeout\r\nContent-Length: 0\r\n\r\n");
  CHECK(check_connectivity(request_for("http://example.com/", through(plain_gateway))).failure ==
        ConnectivityFailure::proxy_upstream);
}

TEST_CASE("direct failures: refused, nothing received, not TLS, timeout") {
  const auto closed = std::to_string(LoopbackHttpServer::closed_port());
  CHECK(check_connectivity(request_for("http://127.0.0.1:" + closed + "/")).failure ==
        ConnectivityFailure::refused);
  LoopbackHttpServer hang_up("", LoopbackReply::hang_up);
  CHECK(check_connectivity(request_for("http://" + hang_up.authority() + "/")).failure ==
        ConnectivityFailure::reset);
  LoopbackHttpServer not_tls(kNoContent);
  auto tls = check_connectivity(request_for("https://" + not_tls.authority() + "/"));
  CHECK(tls.failure == ConnectivityFailure::tls);
  LoopbackHttpServer silent("", LoopbackReply::silent);
  auto request = request_for("http://" + silent.authority() + "/");
  request.timeout = 300ms;
  auto timeout = check_connectivity(request);
  CHECK(timeout.failure == ConnectivityFailure::timeout);
  CHECK(timeout.elapsed_ms >= 250);
  CHECK(timeout.elapsed_ms < 2000);
}

TEST_CASE("a cancelled check ends early") {
  LoopbackHttpServer silent("", LoopbackReply::silent);
  std::atomic<bool> cancel{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(100ms);
    cancel = true;
  });
  auto report = check_connectivity(request_for("http://" + silent.authority() + "/"), &cancel);
  canceller.join();
  CHECK(report.failure == ConnectivityFailure::cancelled);
  CHECK(report.elapsed_ms < 2000);
}

TEST_CASE("run_connectivity_check reads settings.json and the environment's proxy") {
  TempDir config;
  LoopbackHttpServer server(kNoContent);
  LoopbackHttpServer proxy(kNoContent);
  const std::string url = "http://" + server.authority() + "/";
  std::ofstream(settings_file(config.path())) << R"({"connectivity": {"url": ")" << url << "\"}}";
  auto env = postern::base::fixed_environment({{"http_proxy", proxy.authority()}});
  auto report = run_connectivity_check(config.path(), env, std::nullopt);
  CHECK(report.ok);
  CHECK(report.route == "system proxy (http_proxy)");
  CHECK(server.requests().empty());
  CHECK(proxy.requests().size() == 1);

  // no_proxy sends it direct; an override replaces the configured URL.
  auto bypass = postern::base::fixed_environment(
      {{"http_proxy", proxy.authority()}, {"no_proxy", "127.0.0.1"}});
  auto direct = run_connectivity_check(config.path(), bypass, url + "override");
  CHECK(direct.ok);
  CHECK(direct.via == "direct");
  REQUIRE(server.requests().size() == 1);
  CHECK(server.requests()[0].rfind("HEAD /override HTTP/1.1", 0) == 0);
}

TEST_CASE("run_connectivity_check: broken settings are a settings failure, nothing is sent") {
  TempDir config;
  std::ofstream(settings_file(config.path())) << "{not json";
  auto report =
      run_connectivity_check(config.path(), postern::base::fixed_environment({}), std::nullopt);
  CHECK_FALSE(report.ok);
  CHECK(report.failure == ConnectivityFailure::settings);
  CHECK(report.message.find("settings.json: is not valid JSON") != std::string::npos);
  auto bad_url = run_connectivity_check(config.path() / "none",
                                        postern::base::fixed_environment({}), "nonsense");
  CHECK(bad_url.failure == ConnectivityFailure::bad_url);
}

TEST_CASE("reports become JSON with every field") {
  LoopbackHttpServer server(kNoContent);
  auto json = to_json(check_connectivity(request_for("http://" + server.authority() + "/")));
  CHECK(json["ok"] == true);
  CHECK(json["failure"] == "none");
  CHECK(json["http_status"] == 204);
  for (const char* key : {"url", "via", "route", "message", "remedy", "elapsed_ms"})
    CHECK(json.contains(key));
}

TEST_CASE("run_connectivity_check: a refused URL names the server and the setting to change") {
  TempDir config;
  const std::string authority = "127.0.0.1:" + std::to_string(LoopbackHttpServer::closed_port());
  std::ofstream(settings_file(config.path()))
      << R"({"connectivity": {"url": "http://)" << authority << R"(/"}})";
  auto report =
      run_connectivity_check(config.path(), postern::base::fixed_environment({}), std::nullopt);
  CHECK(report.failure == ConnectivityFailure::refused);
  CHECK(report.remedy.find("a server listens at " + authority) != std::string::npos);
  CHECK(report.remedy.find("connectivity.url") != std::string::npos);
}
