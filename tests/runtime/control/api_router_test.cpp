#include "runtime/control/api_router.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

using namespace postern::control;

namespace {

ApiRequest request(std::string method, std::string target) {
  ApiRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  return r;
}

ApiRouter router() {
  ApiRouter r;
  r.add("GET", "/v1/status", [](const ApiRequest&, const RouteMatch&) {
    return json_response(200, {{"ok", true}});
  });
  r.add("GET", "/v1/sessions/{id}", [](const ApiRequest&, const RouteMatch& match) {
    return json_response(200, {{"id", match.params.at("id")}, {"q", match.query}});
  });
  r.add("DELETE", "/v1/sessions/{id}",
        [](const ApiRequest&, const RouteMatch&) { return json_response(204, nullptr); });
  r.add("POST", "/v1/boom", [](const ApiRequest&, const RouteMatch&) -> ApiResponse {
    throw std::runtime_error("broken handler");
  });
  return r;
}

}  // namespace

TEST_CASE("routes match paths, capture segments and decode queries", "[control][router]") {
  auto r = router();
  CHECK(r.handle(request("GET", "/v1/status")).status == 200);
  CHECK(r.handle(request("GET", "/v1/status/")).status == 200);
  auto session = nlohmann::json::parse(
      r.handle(request("GET", "/v1/sessions/a%20b?search=x%2By&page=2&flag")).body);
  CHECK(session["id"] == "a b");
  CHECK(session["q"]["search"] == "x+y");
  CHECK(session["q"]["page"] == "2");
  CHECK(session["q"]["flag"] == "");
}

TEST_CASE("unknown paths 404, wrong methods 405 with Allow, throwing handlers 500",
          "[control][router]") {
  auto r = router();
  CHECK(r.handle(request("GET", "/v1/nothing")).status == 404);
  auto wrong = r.handle(request("PUT", "/v1/sessions/3"));
  CHECK(wrong.status == 405);
  CHECK(wrong.headers.at(0) == std::pair<std::string, std::string>("Allow", "GET, DELETE"));
  auto boom = r.handle(request("POST", "/v1/boom"));
  CHECK(boom.status == 500);
  CHECK(boom.body.find("broken handler") != std::string::npos);
}
