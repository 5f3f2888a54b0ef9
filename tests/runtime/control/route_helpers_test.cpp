#include "runtime/control/route_helpers.hpp"

#include <catch2/catch.hpp>

using namespace postern::control;
using postern::base::Error;
using json = nlohmann::json;

namespace {

ApiRequest with_body(std::string body) {
  ApiRequest request;
  request.method = "POST";
  request.body = std::move(body);
  return request;
}

std::string code_of(const ApiResponse& response) {
  return json::parse(response.body)["error"]["code"];
}

std::string message_of(const ApiResponse& response) {
  return json::parse(response.body)["error"]["message"];
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

TEST_CASE("path_id: positive 64-bit integers only, 404 naming the thing otherwise",
          "[route_helpers]") {
  RouteMatch match;
  match.params["id"] = "42";
  auto id = path_id(match, "exchange");
  REQUIRE(id);
  CHECK(*id.value == 42);
  match.params["id"] = "9223372036854775807";
  CHECK(*path_id(match, "exchange").value == INT64_MAX);
  for (const std::string bad :
       {"0", "-1", "+1", "abc", "4x", " 4", "", "9223372036854775808", "99999999999999999999"}) {
    INFO(bad);
    match.params["id"] = bad;
    auto refused = path_id(match, "exchange");
    REQUIRE_FALSE(refused);
    CHECK(refused.refusal->status == 404);
    CHECK(code_of(*refused.refusal) == "NOT_FOUND");
    CHECK(message_of(*refused.refusal) == "no exchange " + bad);
  }
  CHECK_FALSE(path_id(RouteMatch{}, "exchange"));  // a route without "{id}"
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
    CHECK(message_of(*refused.refusal).starts_with("per_page: "));
  }
}

TEST_CASE("query_text: the value as sent, nothing when absent", "[route_helpers]") {
  RouteMatch match;
  CHECK_FALSE(query_text(match, "domain"));
  match.query["domain"] = "";
  CHECK(query_text(match, "domain") == "");
  match.query["domain"] = "example.com";
  CHECK(query_text(match, "domain") == "example.com");
}

TEST_CASE("bad_field and no_content", "[route_helpers]") {
  const auto refused = bad_field("name: must be a string");
  CHECK(refused.status == 400);
  CHECK(code_of(refused) == "BAD_FIELD");
  CHECK(message_of(refused) == "name: must be a string");
  CHECK(no_content().status == 204);
  CHECK(no_content().body.empty());
}

TEST_CASE("error_response_for: the table's row, else 500 STORE_ERROR with the remedy",
          "[route_helpers]") {
  const ErrorMapping table[] = {
      {std::make_error_code(std::errc::no_such_file_or_directory), 404, "NOT_FOUND"},
      {std::make_error_code(std::errc::invalid_argument), 400, "BAD_FIELD"},
      {std::make_error_code(std::errc::no_such_file_or_directory), 410, "SHADOWED"},
  };
  const auto missing = error_response_for(
      Error{std::make_error_code(std::errc::no_such_file_or_directory), "no session 3", "hint"},
      table);
  CHECK(missing.status == 404);  // the first matching row
  CHECK(code_of(missing) == "NOT_FOUND");
  CHECK(message_of(missing) == "no session 3");  // a caller's mistake needs no remedy
  CHECK(error_response_for(Error{std::make_error_code(std::errc::invalid_argument), "x", ""}, table)
            .status == 400);

  const Error disk{std::make_error_code(std::errc::no_space_on_device), "capture.db: disk full",
                   "free some space"};
  const auto failed = error_response_for(disk, table);
  CHECK(failed.status == 500);
  CHECK(code_of(failed) == "STORE_ERROR");
  CHECK(message_of(failed) == "capture.db: disk full (free some space)");
  const auto bare = error_response_for(Error{disk.code, "capture.db: disk full", ""}, {});
  CHECK(bare.status == 500);
  CHECK(message_of(bare) == "capture.db: disk full");
}
