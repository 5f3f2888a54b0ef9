#include "runtime/capture/capture_filter.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace postern::capture;
using json = nlohmann::json;

namespace {

CaptureFilter filter_of(const std::string& options_text) {
  auto options = options_from_json(json::parse(options_text));
  REQUIRE(options);
  auto filter = CaptureFilter::create(options.value());
  REQUIRE(filter);
  return std::move(filter).value();
}

struct RequestCase {
  std::string options;
  std::string method;
  std::string url;
  bool captured;
};

}  // namespace

TEST_CASE("request decisions: URL strings, regexes, exclusions and methods", "[capture_filter]") {
  const std::vector<RequestCase> cases = {
      {"{}", "GET", "https://a.example/x", true},
      {"{}", "BREW", "http://a.example/", true},
      // url_contains: a substring of the full absolute URL, ASCII case ignored
      {R"({"url_contains":"api.example"})", "GET", "https://api.example.com/v1", true},
      {R"({"url_contains":"API.Example"})", "GET", "https://api.example.com/v1", true},
      {R"({"url_contains":"api.example"})", "GET", "https://www.example.com/v1", false},
      {R"({"url_contains":"https://"})", "GET", "http://api.example.com/", false},
      {R"({"url_contains":"?page="})", "GET", "https://h/list?page=2", true},
      // url_regex: PCRE2 on the full URL, case as written
      {R"({"url_regex":"/v[0-9]+/users"})", "GET", "https://h/v2/users/1", true},
      {R"({"url_regex":"/v[0-9]+/users"})", "GET", "https://h/V2/users/1", false},
      {R"({"url_regex":"^https://[^/]*\\.internal/"})", "GET", "https://db.internal/x", true},
      {R"({"url_regex":"^https://[^/]*\\.internal/"})", "GET", "http://db.internal/x", false},
      // exclude: any listed substring drops the request
      {R"({"exclude":["/health","tracking"]})", "GET", "https://h/health", false},
      {R"({"exclude":["/health","tracking"]})", "GET", "https://TRACKING.h/x", false},
      {R"({"exclude":["/health","tracking"]})", "GET", "https://h/api", true},
      // exclude_regex
      {R"({"exclude_regex":"\\.(map|ico)$"})", "GET", "https://h/app.js.map", false},
      {R"({"exclude_regex":"\\.(map|ico)$"})", "GET", "https://h/app.js", true},
      // methods: listed ones only
      {R"({"methods":["POST","put"]})", "POST", "https://h/", true},
      {R"({"methods":["POST","put"]})", "PUT", "https://h/", true},
      {R"({"methods":["POST","put"]})", "GET", "https://h/", false},
      {R"({"methods":["POST"]})", "post", "https://h/", true},
      // everything together: all must agree
      {R"({"url_contains":"api","exclude":["/v1/"],"methods":["GET"]})", "GET",
       "https://api.h/v2/x", true},
      {R"({"url_contains":"api","exclude":["/v1/"],"methods":["GET"]})", "GET",
       "https://api.h/v1/x", false},
      {R"({"url_regex":"api","exclude_regex":"secret"})", "GET", "https://api.h/secret", false},
  };
  for (const auto& c : cases) {
    INFO(c.options << " " << c.method << " " << c.url);
    CHECK(filter_of(c.options).accepts_request(c.method, c.url) == c.captured);
  }
}

TEST_CASE("a regex that gives up counts as no match", "[capture_filter]") {
  const std::string hostile = "https://h/" + std::string(40, 'a') + "!";
  CHECK_FALSE(filter_of(R"({"url_regex":"^https://h/(a+)+$"})").accepts_request("GET", hostile));
  CHECK(filter_of(R"({"exclude_regex":"^https://h/(a+)+$"})").accepts_request("GET", hostile));
}

TEST_CASE("response decisions: exclude_static drops images, scripts and CSS only",
          "[capture_filter]") {
  const std::vector<std::pair<std::string, bool>> types = {
      {"image/png", true},
      {"IMAGE/SVG+XML", true},
      {"text/javascript; charset=utf-8", true},
      {"application/javascript", true},
      {"application/x-javascript", true},
      {"application/ecmascript", true},
      {"text/ecmascript", true},
      {" text/css ;charset=utf-8", true},
      {"application/json", false},
      {"text/html", false},
      {"video/mp4", false},  // media: kept, with its body omitted by the recorder
      {"application/json+javascript-ish", false},
      {"", false},
  };
  const auto excluding = filter_of(R"({"exclude_static":true})");
  const auto keeping = filter_of("{}");
  for (const auto& [type, is_static] : types) {
    INFO(type);
    CHECK(is_static_type(type) == is_static);
    CHECK(excluding.accepts_response(type) == !is_static);
    CHECK(keeping.accepts_response(type));
  }
}

TEST_CASE("create refuses options whose regex does not compile", "[capture_filter]") {
  CaptureOptions options;
  options.exclude_regex = "(";
  auto filter = CaptureFilter::create(options);
  REQUIRE_FALSE(filter);
  CHECK(filter.error().message.starts_with("exclude_regex: "));
}
