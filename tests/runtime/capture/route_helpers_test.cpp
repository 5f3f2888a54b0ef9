#include "runtime/capture/route_helpers.hpp"

#include <catch2/catch.hpp>

#include "runtime/capture/errc.hpp"
#include "runtime/store/errc.hpp"

using namespace postern::capture;
using postern::base::Error;
using postern::control::ApiRequest;
using postern::control::RouteMatch;
using json = nlohmann::json;
namespace store = postern::store;

namespace {

ApiRequest with_body(std::string body) {
  ApiRequest request;
  request.method = "POST";
  request.body = std::move(body);
  return request;
}

std::string code_of(const postern::control::ApiResponse& response) {
  return json::parse(response.body)["error"]["code"];
}

}  // namespace

TEST_CASE("json_body: an object, {} for an empty body, BAD_JSON otherwise", "[route_helpers]") {
  auto object = json_body(with_body(R"({"a":1})"));
  REQUIRE(object);
  CHECK((*object.value)["a"] == 1);
  auto empty = json_body(with_body(" \r\n"));
  REQUIRE(empty);
  CHECK(*empty.value == json::object());
  for (const std::string bad : {"{", "[1,2]", "\"text\"", "nul"}) {
    INFO(bad);
    auto refused = json_body(with_body(bad));
    REQUIRE_FALSE(refused);
    CHECK(refused.refusal->status == 400);
    CHECK(code_of(*refused.refusal) == "BAD_JSON");
  }
}

TEST_CASE("path_id: positive integers only, 404 otherwise", "[route_helpers]") {
  RouteMatch match;
  match.params["id"] = "42";
  auto id = path_id(match, "exchange");
  REQUIRE(id);
  CHECK(*id.value == 42);
  for (const std::string bad : {"0", "-1", "abc", "4x", "", "99999999999999999999"}) {
    INFO(bad);
    match.params["id"] = bad;
    auto refused = path_id(match, "exchange");
    REQUIRE_FALSE(refused);
    CHECK(refused.refusal->status == 404);
    CHECK(code_of(*refused.refusal) == "NOT_FOUND");
  }
}

TEST_CASE("query_number: the fallback when absent, BAD_FIELD outside the range",
          "[route_helpers]") {
  RouteMatch match;
  CHECK(*query_number(match, "per_page", 50, 1, 1000).value == 50);
  match.query["per_page"] = "1000";
  CHECK(*query_number(match, "per_page", 50, 1, 1000).value == 1000);
  for (const std::string bad : {"0", "1001", "ten", "", "-3", "5.5"}) {
    INFO(bad);
    match.query["per_page"] = bad;
    auto refused = query_number(match, "per_page", 50, 1, 1000);
    REQUIRE_FALSE(refused);
    CHECK(refused.refusal->status == 400);
    CHECK(code_of(*refused.refusal) == "BAD_FIELD");
    CHECK(json::parse(refused.refusal->body)["error"]["message"].get<std::string>().starts_with(
        "per_page: "));
  }
}

TEST_CASE("errors map to the API's statuses and codes", "[route_helpers]") {
  const std::vector<std::tuple<std::error_code, int, std::string>> cases = {
      {store::errc::not_found, 404, "NOT_FOUND"},
      {store::errc::session_active, 409, "SESSION_ACTIVE"},
      {store::errc::invalid_state, 409, "BAD_STATE"},
      {store::errc::invalid_argument, 400, "BAD_FIELD"},
      {errc::bad_option, 400, "BAD_FIELD"},
      {errc::no_active_session, 409, "NO_ACTIVE_SESSION"},
      {store::errc::disk_full, 500, "STORE_ERROR"},
  };
  for (const auto& [code, status, api_code] : cases) {
    INFO(api_code);
    const auto response = error_to_response(Error{code, "what happened", "the remedy"});
    CHECK(response.status == status);
    CHECK(code_of(response) == api_code);
    CHECK(json::parse(response.body)["error"]["message"].get<std::string>().starts_with(
        "what happened"));
  }
  CHECK(no_content().status == 204);
  CHECK(no_content().body.empty());
}
