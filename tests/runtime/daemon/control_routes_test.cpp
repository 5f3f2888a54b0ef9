#include "runtime/daemon/control_routes.hpp"

#include <catch2/catch.hpp>

using namespace postern;
using nlohmann::json;

namespace {

control::ApiRequest request(std::string method, std::string target) {
  control::ApiRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  return r;
}

}  // namespace

TEST_CASE("the status route reports the runtime's facts", "[daemon][control]") {
  auto router = daemon::control_routes(
      [] {
        daemon::RuntimeFacts facts;
        facts.pid = 77;
        facts.started_at = "2026-01-01T00:00:00Z";
        facts.uptime_s = 5;
        facts.clients = 2;
        return facts;
      },
      [] {
        return json{{"port", 5555}};
      },
      [] {});
  auto status = json::parse(router.handle(request("GET", "/v1/status")).body);
  CHECK(status["pid"] == 77);
  CHECK(status["runtime_version"] == "0.1.0");
  CHECK(status["uptime_s"] == 5);
  CHECK(status["socket_clients"] == 2);
  CHECK(status["proxy"]["port"] == 5555);
}

TEST_CASE("the stop route asks to stop and answers 202", "[daemon][control]") {
  int stops = 0;
  auto router =
      daemon::control_routes([] { return daemon::RuntimeFacts{}; }, nullptr, [&] { ++stops; });
  CHECK(router.handle(request("POST", "/v1/runtime/stop")).status == 202);
  CHECK(stops == 1);
  CHECK(router.handle(request("GET", "/v1/runtime/stop")).status == 405);
}
