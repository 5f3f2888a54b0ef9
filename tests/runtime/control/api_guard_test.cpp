#include "runtime/control/api_guard.hpp"

#include <catch2/catch.hpp>

using namespace postern::control;

namespace {

ControlEndpoint endpoint() {
  ControlEndpoint e;
  e.port = 5580;
  e.token = std::string(64, 'a');
  return e;
}

ApiRequest allowed() {
  ApiRequest request;
  request.method = "GET";
  request.target = "/v1/status";
  request.host = "127.0.0.1:5580";
  request.authorization = "Bearer " + std::string(64, 'a');
  return request;
}

}  // namespace

TEST_CASE("loopback Host, no Origin and the right token pass", "[control][guard]") {
  CHECK_FALSE(refuse_unless_allowed(allowed(), endpoint()));
  for (const char* host : {"localhost:5580", "[::1]:5580"}) {
    auto request = allowed();
    request.host = host;
    CHECK_FALSE(refuse_unless_allowed(request, endpoint()));
  }
}

TEST_CASE("a rebinding Host, a web Origin or a wrong token is refused", "[control][guard]") {
  for (const char* host : {"evil.example:5580", "127.0.0.1:5581", "127.0.0.1", ""}) {
    auto request = allowed();
    request.host = host;
    auto refused = refuse_unless_allowed(request, endpoint());
    REQUIRE(refused);
    CHECK(refused->status == 400);
  }
  auto from_page = allowed();
  from_page.origin = "https://evil.example";
  CHECK(refuse_unless_allowed(from_page, endpoint())->status == 403);
  for (std::string authorization :
       {std::string(), "Bearer " + std::string(64, 'b'), "Bearer " + std::string(63, 'a'),
        "Basic " + std::string(64, 'a'), std::string(64, 'a')}) {
    auto request = allowed();
    request.authorization = authorization;
    auto refused = refuse_unless_allowed(request, endpoint());
    REQUIRE(refused);
    CHECK(refused->status == 401);
    CHECK(refused->headers.at(0).first == "WWW-Authenticate");
  }
}
