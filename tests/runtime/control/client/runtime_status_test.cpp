#include "runtime/control/client/runtime_status.hpp"

#include <catch2/catch.hpp>

#include "runtime/control/client/control_errc.hpp"

#include "runtime/control/client/sample_status.hpp"

using namespace postern::control_client;
using nlohmann::json;
using Addresses = std::vector<std::string>;

using postern::testing::status_with;

TEST_CASE("proxy addresses get the port; IPv6 ones brackets", "[client][status]") {
  CHECK(proxy_addresses(status_with({{"host", "127.0.0.1"},
                                     {"port", 5555},
                                     {"addresses", {"127.0.0.1", "192.168.1.5", "fe80::1"}}})) ==
        Addresses{"127.0.0.1:5555", "192.168.1.5:5555", "[fe80::1]:5555"});
  CHECK(proxy_addresses(status_with({{"port", 1}, {"addresses", {"10.0.0.1:8080"}}})) ==
        Addresses{"10.0.0.1:8080"});
  CHECK(proxy_addresses(status_with({{"addresses", {{{"host", "h"}, {"port", 9}}}}})) ==
        Addresses{"h:9"});
  CHECK(proxy_addresses(status_with({{"host", "127.0.0.1"}, {"port", 5555}})) ==
        Addresses{"127.0.0.1:5555"});
  CHECK(proxy_addresses(json::object()).empty());
}

TEST_CASE("a status reads into a struct with the proxy's addresses", "[client][status]") {
  auto status = parse_runtime_status(status_with({{"listening", true},
                                                  {"host", "127.0.0.1"},
                                                  {"port", 5555},
                                                  {"lan", false},
                                                  {"addresses", {"127.0.0.1"}},
                                                  {"intercept", true},
                                                  {"ca_file", "/c/ca.crt"}}));
  REQUIRE(status);
  CHECK(status.value().runtime_version == "0.2.0");
  CHECK(status.value().pid == 4242);
  CHECK(status.value().uptime_s == 303);
  CHECK(status.value().socket_clients == 2);
  REQUIRE(status.value().proxy);
  const ProxyStatus& proxy = *status.value().proxy;
  CHECK(proxy.listening);
  CHECK(proxy.port == 5555);
  CHECK(proxy.addresses == Addresses{"127.0.0.1:5555"});
  CHECK(proxy.intercept);
  CHECK(proxy.ca_file == "/c/ca.crt");
  CHECK_FALSE(proxy.problem);
}

TEST_CASE("a proxy that could not listen says why; no proxy at all is none", "[client][status]") {
  auto taken = parse_runtime_status(
      status_with({{"listening", false},
                   {"port", 5555},
                   {"addresses", json::array()},
                   {"error", {{"code", "PROXY_PORT_IN_USE"}, {"message", "in use"}}}}));
  REQUIRE(taken);
  REQUIRE(taken.value().proxy);
  CHECK_FALSE(taken.value().proxy->listening);
  REQUIRE(taken.value().proxy->problem);
  CHECK(taken.value().proxy->problem->code == "PROXY_PORT_IN_USE");

  auto none = parse_runtime_status(status_with(nullptr));
  REQUIRE(none);
  CHECK_FALSE(none.value().proxy);
}

TEST_CASE("a malformed status names the field", "[client][status]") {
  json status = status_with(nullptr);
  status["pid"] = "4242";
  auto wrong = parse_runtime_status(status);
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().code == control_errc::bad_response);
  CHECK(wrong.error().message == "pid: expected a whole number");

  status = status_with({{"port", "x"}});
  CHECK(parse_runtime_status(status).error().message == "proxy.port: expected a whole number");
  CHECK(parse_runtime_status(json::array()).error().message == "the answer: expected an object");
}
