#include "runtime/control/api_types.hpp"

#include <catch2/catch.hpp>

using namespace postern::control;

TEST_CASE("JSON and error responses", "[control]") {
  auto ok = json_response(201, {{"id", 3}});
  CHECK(ok.status == 201);
  CHECK(ok.content_type == "application/json");
  CHECK(nlohmann::json::parse(ok.body)["id"] == 3);
  auto bad = error_response(404, "NOT_FOUND", "no such session");
  CHECK(nlohmann::json::parse(bad.body)["error"]["code"] == "NOT_FOUND");
  // Text from the wire may be broken UTF-8: replaced, not thrown.
  auto broken = json_response(200, {{"url", std::string("http://x/\xff")}});
  CHECK(broken.body.find("http://x/") != std::string::npos);
}
