#include "wizard/setup/connectivity_row.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>

#include "runtime/bridge/runtime_probe.hpp"
#include "support/loopback_http_server.hpp"
#include "support/temp_dir.hpp"
#include "wizard/setup/runtime_step.hpp"

using namespace postern;
using nlohmann::json;

TEST_CASE("a reached URL is a healthy row naming the route", "[setup][connectivity]") {
  auto row = setup::connectivity_outcome({{"ok", true},
                                          {"url", "https://example.com/"},
                                          {"via", "http://corp:3128"},
                                          {"route", "system proxy (https_proxy)"},
                                          {"message",
                                           "reached example.com:443 through "
                                           "http://corp:3128: HTTP 200"},
                                          {"elapsed_ms", 42}},
                                         "/c/settings.json");
  CHECK(row.status == base::Status::already);
  CHECK(row.target == "https://example.com/");
  CHECK(row.cause ==
        "reached example.com:443 through http://corp:3128: HTTP 200 in 42 ms (via "
        "system proxy (https_proxy))");
}

TEST_CASE("a failure is INTERNET_CONNECTIVITY with cause, route and remedy",
          "[setup][connectivity]") {
  auto row = setup::connectivity_outcome({{"ok", false},
                                          {"url", "https://example.com/"},
                                          {"via", "http://127.0.0.1:9"},
                                          {"route", "custom proxy"},
                                          {"failure", "proxy_refused"},
                                          {"message",
                                           "the proxy http://127.0.0.1:9 does not "
                                           "accept connections"},
                                          {"remedy", "start the proxy"}},
                                         "/c/settings.json");
  CHECK_FALSE(row.ok());
  CHECK(row.code == "INTERNET_CONNECTIVITY");
  CHECK(row.cause ==
        "the proxy http://127.0.0.1:9 does not accept connections [route: custom proxy]");
  CHECK(row.remedy == "start the proxy");
}

TEST_CASE("broken settings are SETTINGS_INVALID, naming the file", "[setup][connectivity]") {
  auto row = setup::connectivity_outcome({{"ok", false},
                                          {"failure", "settings"},
                                          {"message", "x: is not valid JSON"},
                                          {"remedy", "fix it"}},
                                         "/c/settings.json");
  CHECK(row.code == "SETTINGS_INVALID");
  CHECK(row.target == "/c/settings.json");
  CHECK(setup::connectivity_outcome(json::array(), "f").code == "RUNTIME_NOT_RESPONDING");
}

TEST_CASE("asking without a runtime names the socket", "[setup][connectivity]") {
  testing::TempDir dir;
  base::AppPaths paths{dir / "config", dir / "data", dir / "run"};
  auto row = setup::ask_runtime_connectivity(paths, std::nullopt, std::chrono::seconds(1));
  CHECK(row.code == "RUNTIME_NOT_RUNNING");
  CHECK(row.target == bridge::runtime_socket_file(paths.runtime).string());
}

// The real runtime, started the way setup starts it, reads <config>/settings.json.
TEST_CASE("the real runtime checks through the proxy of this install's settings",
          "[setup][connectivity]") {
  const char* binary = std::getenv("POSTERN_TEST_RUNTIME");
  REQUIRE(binary != nullptr);
  testing::TempDir dir;
  base::AppPaths paths{dir / "config", dir / "data", dir / "run"};
  testing::LoopbackHttpServer proxy("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
  std::filesystem::create_directories(paths.config);
  std::ofstream(paths.config / "settings.json")
      << R"({"connectivity": {"url": "http://example.com/"}, "proxy": {"custom": {"enabled": true, "server": ")"
      << proxy.authority() << "\"}}}";
  setup::RuntimeStep runtime(paths, binary);
  REQUIRE(runtime.apply().ok());
  auto row = setup::ask_runtime_connectivity(paths, std::nullopt, std::chrono::seconds(10));
  CHECK(row.status == base::Status::already);
  CHECK(row.cause.find("through http://" + proxy.authority()) != std::string::npos);
  REQUIRE(proxy.requests().size() == 1);
  CHECK(proxy.requests()[0].rfind("HEAD http://example.com/ HTTP/1.1", 0) == 0);
  CHECK(runtime.revert().ok());
}
