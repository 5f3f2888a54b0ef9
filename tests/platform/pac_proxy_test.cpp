#include "platform/pac_proxy.hpp"

#include <catch2/catch.hpp>
#include <fstream>

#include "fake_runner.hpp"
#include "support/loopback_http_server.hpp"
#include "support/temp_dir.hpp"

using namespace postern::platform;

namespace {

// Different proxies for different hosts, so a test can tell the PAC file really ran.
constexpr const char* kPac = R"(function FindProxyForURL(url, host) {
  if (dnsDomainIs(host, ".internal.test")) return "DIRECT";
  if (shExpMatch(host, "*.one.test")) return "PROXY 127.0.0.1:3001";
  if (isInNet(host, "10.0.0.0", "255.0.0.0")) return "PROXY 127.0.0.1:3003; DIRECT";
  if (host == "socks.test") return "SOCKS 127.0.0.1:1080";
  return "PROXY 127.0.0.1:3002";
}
)";

bool have_libproxy() {
  return system_runner().find_tool("proxy").has_value();
}

}  // namespace

TEST_CASE("libproxy's output: the answer, and its debug lines", "[pac_proxy]") {
  auto answer = parse_libproxy_output(
      "Configuration extension is: 23envvar_config_extension\n"
      "Config is: \n\tpac+http://127.0.0.1:1/p.pac\nPAC received!\n"
      "Using pacrunner: 26webkit_pacrunner_extension\n"
      "Pacrunner returned: PROXY 127.0.0.1:3003; DIRECT\n"
      "http://127.0.0.1:3003 direct://\n");
  CHECK(answer.evaluated);
  CHECK(answer.returned == "PROXY 127.0.0.1:3003; DIRECT");
  CHECK(answer.proxies == std::vector<std::string>{"http://127.0.0.1:3003", "direct://"});

  auto socks = parse_libproxy_output("Pacrunner returned: SOCKS s:1\nsocks://s:1\n");
  CHECK(socks.proxies == std::vector<std::string>{"socks4://s:1"});
  auto fetch = parse_libproxy_output("Unable to download PAC!\ndirect://\n");
  CHECK_FALSE(fetch.evaluated);
  CHECK(fetch.proxies.empty());
  CHECK(fetch.problem == "libproxy could not fetch the PAC file");
  CHECK(parse_libproxy_output("Unable to find a required pacrunner!\ndirect://\n").problem ==
        "libproxy has no JavaScript runner for PAC files (install libproxy1-plugin-webkit)");
  CHECK(parse_libproxy_output("PAC received!\n\n").problem ==
        "the PAC file did not answer (a JavaScript error, or no FindProxyForURL)");
}

// libproxy 0.4's tool can die of SIGSEGV while it exits, after printing its answer (seen here
// about once in 40 runs on a loaded machine); the real runner reports a signal as exit -1.
TEST_CASE("an answer printed before the tool crashed counts; a crash without one fails",
          "[pac_proxy]") {
  postern::testing::FakeRunner runner;
  runner.has_tool("env").has_tool("proxy");
  runner.on({"env"},
            postern::testing::exited(-1,
                                     "Pacrunner returned: PROXY 127.0.0.1:3001\n"
                                     "http://127.0.0.1:3001\n"),
            1);
  // Its stdout line lost with the process: the PAC file's own answer (stderr) is used.
  runner.on(
      {"env"},
      postern::testing::exited(
          -1, "PAC received!\nPacrunner returned: PROXY 127.0.0.1:3003; SOCKS5 s:1; DIRECT\n"),
      1);
  runner.on({"env"}, postern::testing::exited(-1, "PAC received!\n"), 1);
  auto printed = evaluate_pac(runner, "file:///p.pac", "http://a.one.test/");
  CHECK(printed.evaluated);
  CHECK(printed.proxies == std::vector<std::string>{"http://127.0.0.1:3001"});
  auto from_pac = evaluate_pac(runner, "file:///p.pac", "http://a.one.test/");
  CHECK(from_pac.evaluated);
  CHECK(from_pac.problem.empty());
  CHECK(from_pac.proxies ==
        std::vector<std::string>{"http://127.0.0.1:3003", "socks5://s:1", "direct://"});
  auto crashed = evaluate_pac(runner, "file:///p.pac", "http://a.one.test/");
  CHECK_FALSE(crashed.evaluated);
  CHECK(crashed.proxies.empty());
  CHECK(crashed.problem == "libproxy's `proxy` tool failed");
}

TEST_CASE("PAC URLs libproxy can fetch", "[pac_proxy]") {
  CHECK(pac_url_problem("http://wpad.lan/proxy.pac").empty());
  CHECK(pac_url_problem("file:///etc/proxy.pac").empty());
  CHECK(pac_url_problem("https://wpad.lan/proxy.pac") ==
        "must be http:// or file://: libproxy 0.4 cannot fetch a PAC file over https");
  CHECK(pac_url_problem("proxy.pac") == "must be an http:// or file:/// URL");
  CHECK(pac_url_problem("http://") == "must be an http:// or file:/// URL");
}

TEST_CASE("a real PAC file from file:// picks different proxies per host", "[pac_proxy][real]") {
  INFO("libproxy-tools is not installed: scripts/deps.sh installs it");
  REQUIRE(have_libproxy());
  postern::testing::TempDir dir;
  std::ofstream(dir / "proxy.pac") << kPac;
  const std::string pac = "file://" + (dir / "proxy.pac").string();
  auto one = evaluate_pac(system_runner(), pac, "http://a.one.test/");
  INFO(one.problem);
  REQUIRE(one.evaluated);
  CHECK(one.proxies == std::vector<std::string>{"http://127.0.0.1:3001"});
  CHECK(evaluate_pac(system_runner(), pac, "https://x.internal.test/").proxies ==
        std::vector<std::string>{"direct://"});
  auto net = evaluate_pac(system_runner(), pac, "http://10.1.2.3/");
  CHECK(net.returned == "PROXY 127.0.0.1:3003; DIRECT");
  CHECK(net.proxies == std::vector<std::string>{"http://127.0.0.1:3003", "direct://"});
  CHECK(evaluate_pac(system_runner(), pac, "http://socks.test/").proxies ==
        std::vector<std::string>{"socks4://127.0.0.1:1080"});
}

TEST_CASE("a real PAC file served over loopback http://", "[pac_proxy][real]") {
  INFO("libproxy-tools is not installed: scripts/deps.sh installs it");
  REQUIRE(have_libproxy());
  const std::string body = kPac;
  postern::testing::LoopbackHttpServer server(
      "HTTP/1.1 200 OK\r\nContent-Type: application/x-ns-proxy-autoconfig\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  auto answer = pac_evaluator(system_runner())("http://" + server.authority() + "/proxy.pac",
                                               "https://b.other.test/");
  INFO(answer.problem);
  CHECK(answer.evaluated);
  CHECK(answer.proxies == std::vector<std::string>{"http://127.0.0.1:3002"});
  CHECK_FALSE(server.requests().empty());
}

TEST_CASE("a PAC file that is missing or broken is a problem, not DIRECT", "[pac_proxy][real]") {
  INFO("libproxy-tools is not installed: scripts/deps.sh installs it");
  REQUIRE(have_libproxy());
  postern::testing::TempDir dir;
  auto missing =
      evaluate_pac(system_runner(), "file://" + (dir / "none.pac").string(), "http://a/");
  CHECK_FALSE(missing.evaluated);
  CHECK(missing.problem == "libproxy could not fetch the PAC file");
  std::ofstream(dir / "bad.pac") << "function FindProxyForURL(u, h) { return syntax error";
  auto broken = evaluate_pac(system_runner(), "file://" + (dir / "bad.pac").string(), "http://a/");
  CHECK_FALSE(broken.evaluated);
  CHECK(evaluate_pac(system_runner(), "https://x/p.pac", "http://a/").problem ==
        "the PAC URL must be http:// or file://: libproxy 0.4 cannot fetch a PAC file over https");
}
