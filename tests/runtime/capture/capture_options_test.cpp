#include "runtime/capture/capture_options.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "runtime/capture/errc.hpp"

using namespace postern::capture;
using json = nlohmann::json;

namespace {

// The error message for `text`, which must be refused.
std::string refusal(const std::string& text) {
  auto options = options_from_json(json::parse(text));
  REQUIRE_FALSE(options);
  CHECK(options.error().code == errc::bad_option);
  return options.error().message;
}

}  // namespace

TEST_CASE("an empty object gives the API's defaults", "[capture_options]") {
  auto options = options_from_json(json::object());
  REQUIRE(options);
  CHECK(options.value() == CaptureOptions{});
  CHECK(to_json(options.value()) == json::parse(R"({
    "url_contains": "", "url_regex": "", "exclude": [], "exclude_regex": "",
    "methods": [], "exclude_static": false, "save_responses": true, "capture_cookies": false,
    "save_to_history": true, "collection": null, "body_limit": 1048576 })"));
}

TEST_CASE("every field is read, and to_json gives back what from_json read", "[capture_options]") {
  const auto text = json::parse(R"({
    "url_contains": "api.", "exclude": ["/health", "/metrics"], "exclude_regex": "\\.map$",
    "methods": ["get", "Post", "GET"], "exclude_static": true, "save_responses": false,
    "capture_cookies": true, "save_to_history": false,
    "collection": {"path": "/tmp/out.json", "group_by": ["endpoint", "domain"]},
    "body_limit": 4096 })");
  auto options = options_from_json(text);
  REQUIRE(options);
  const auto& o = options.value();
  CHECK(o.url_contains == "api.");
  CHECK(o.exclude == std::vector<std::string>{"/health", "/metrics"});
  CHECK(o.exclude_regex == "\\.map$");
  CHECK(o.methods == std::vector<std::string>{"GET", "POST"});  // upper-cased, duplicates gone
  CHECK(o.exclude_static);
  CHECK_FALSE(o.save_responses);
  CHECK(o.capture_cookies);
  CHECK_FALSE(o.save_to_history);
  REQUIRE(o.collection);
  CHECK(o.collection->path == "/tmp/out.json");
  CHECK(o.collection->group_by == std::vector<GroupBy>{GroupBy::endpoint, GroupBy::domain});
  CHECK(o.body_limit == 4096);
  auto again = options_from_json(to_json(o));
  REQUIRE(again);
  CHECK(again.value() == o);
  CHECK(to_json(o)["collection"]["group_by"] == json::parse(R"(["endpoint","domain"])"));
}

TEST_CASE("url_regex alone is fine; with url_contains it is refused", "[capture_options]") {
  auto alone = options_from_json(json{{"url_regex", "^https://"}});
  REQUIRE(alone);
  CHECK(alone.value().url_regex == "^https://");
  CHECK(options_from_json(json{{"url_regex", "x"}, {"url_contains", ""}}));
  CHECK(refusal(R"({"url_contains":"a","url_regex":"b"})").starts_with("url_regex: "));
}

TEST_CASE("every bad value is refused with its field named", "[capture_options]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"([])", "options: "},
      {R"({"url_contains": 3})", "url_contains: must be a string"},
      {R"({"url_regex": "(a"})", "url_regex: "},
      {R"({"url_regex": true})", "url_regex: must be a string"},
      {R"({"exclude_regex": "[z-a]"})", "exclude_regex: "},
      {R"({"exclude": "x"})", "exclude: must be a list"},
      {R"({"exclude": ["a", 2]})", "exclude[1]: must be a string"},
      {R"({"exclude": ["a", ""]})", "exclude[1]: must not be empty"},
      {R"({"methods": "GET"})", "methods: must be a list"},
      {R"({"methods": ["GET", "BAD METHOD"]})", "methods[1]: is not an HTTP method"},
      {R"({"methods": ["GET", ""]})", "methods[1]: must not be empty"},
      {R"({"exclude_static": "yes"})", "exclude_static: must be true or false"},
      {R"({"save_responses": 1})", "save_responses: must be true or false"},
      {R"({"capture_cookies": null})", "capture_cookies: must be true or false"},
      {R"({"save_to_history": "false"})", "save_to_history: must be true or false"},
      {R"({"collection": "/tmp/x.json"})", "collection: must be an object or null"},
      {R"({"collection": {}})", "collection.path: is required"},
      {R"({"collection": {"path": "relative/x.json"}})", "collection.path: must be an absolute"},
      {R"({"collection": {"path": 5}})", "collection.path: must be a string"},
      {R"({"collection": {"path": "/x.json", "group_by": "domain"}})",
       "collection.group_by: must be a list"},
      {R"({"collection": {"path": "/x.json", "group_by": ["host"]}})",
       "collection.group_by[0]: must be \"domain\" or \"endpoint\""},
      {R"({"collection": {"path": "/x.json", "group_by": ["domain", "domain"]}})",
       "collection.group_by[1]: \"domain\" is listed twice"},
      {R"({"collection": {"path": "/x.json", "folder": "a"}})", "collection.folder: unknown"},
      {R"({"body_limit": 1023})", "body_limit: must be 1024 to 67108864 bytes"},
      {R"({"body_limit": 67108865})", "body_limit: must be 1024 to 67108864 bytes"},
      {R"({"body_limit": -5})", "body_limit: must be 1024 to 67108864 bytes"},
      {R"({"body_limit": 18446744073709551615})", "body_limit: must be 1024"},
      {R"({"body_limit": 2048.5})", "body_limit: must be a whole number"},
      {R"({"body_limit": "1024"})", "body_limit: must be a whole number"},
      {R"({"url_contain": "x"})", "url_contain: unknown field (known: url_contains, "},
  };
  for (const auto& [text, expected] : cases) {
    INFO(text);
    CHECK_THAT(refusal(text), Catch::StartsWith(expected));
  }
}

TEST_CASE("the body_limit bounds themselves are accepted, and collection may be null",
          "[capture_options]") {
  CHECK(options_from_json(json{{"body_limit", 1024}}).value().body_limit == 1024);
  CHECK(options_from_json(json{{"body_limit", 64 * 1024 * 1024}}).value().body_limit ==
        CaptureOptions::kMaxBodyLimit);
  auto none = options_from_json(json{{"collection", nullptr}});
  REQUIRE(none);
  CHECK_FALSE(none.value().collection);
  auto plain = options_from_json(json::parse(R"({"collection": {"path": "/c.json"}})"));
  REQUIRE(plain);
  CHECK(plain.value().collection->group_by.empty());
  CHECK(to_string(GroupBy::domain) == "domain");
  CHECK(to_string(GroupBy::endpoint) == "endpoint");
}
