#include "cli/capture_filters.hpp"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <filesystem>

using namespace postern::cli;
using nlohmann::json;

namespace {

// Parses `args` into filter options; the JSON, or the parse error's message.
struct Parsed {
  json options;
  std::string error;
};

Parsed parse(std::vector<std::string> args) {
  CLI::App app;
  CaptureFilterArgs filters;
  add_capture_filter_options(app, filters);
  std::vector<const char*> argv{"capture"};
  for (const auto& arg : args)
    argv.push_back(arg.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
    return {capture_options_json(filters), ""};
  } catch (const CLI::ParseError& e) {
    return {nullptr, e.what()};
  }
}

}  // namespace

TEST_CASE("no filters set no fields: the runtime keeps its defaults", "[cli][filters]") {
  CHECK(parse({}).options == json::object());
}

TEST_CASE("each filter option sets its CaptureOptions field", "[cli][filters]") {
  const auto parsed = parse({"--url-contains",   "api",
                             "--exclude",        "health",
                             "--exclude",        "metrics",
                             "--exclude-regex",  "\\.map$",
                             "--methods",        "get,POST,get",
                             "--exclude-static", "--no-responses",
                             "--cookies",        "--no-history",
                             "--collection",     "/tmp/c.json",
                             "--group-by",       "domain,endpoint",
                             "--body-limit",     "64k"});
  REQUIRE(parsed.error.empty());
  CHECK(parsed.options ==
        json{{"url_contains", "api"},
             {"exclude", {"health", "metrics"}},
             {"exclude_regex", "\\.map$"},
             {"methods", {"GET", "POST"}},
             {"exclude_static", true},
             {"save_responses", false},
             {"capture_cookies", true},
             {"save_to_history", false},
             {"collection", {{"path", "/tmp/c.json"}, {"group_by", {"domain", "endpoint"}}}},
             {"body_limit", 65536}});
}

TEST_CASE("the reverse switches turn things back on", "[cli][filters]") {
  const auto parsed = parse({"--include-static", "--responses", "--no-cookies", "--history"});
  CHECK(parsed.options == json{{"exclude_static", false},
                               {"save_responses", true},
                               {"capture_cookies", false},
                               {"save_to_history", true}});
}

TEST_CASE("a relative collection path is made absolute for the runtime", "[cli][filters]") {
  const auto parsed = parse({"--collection", "out/../c.json"});
  const std::string path = parsed.options["collection"]["path"];
  CHECK(std::filesystem::path(path).is_absolute());
  CHECK(path == (std::filesystem::current_path() / "c.json").string());
  CHECK_FALSE(parsed.options["collection"].contains("group_by"));
}

TEST_CASE("contradicting or malformed filters are usage errors", "[cli][filters]") {
  CHECK(parse({"--url-contains", "a", "--url-regex", "b"}).error.find("excludes") !=
        std::string::npos);
  CHECK(parse({"--exclude-static", "--include-static"}).error.find("excludes") !=
        std::string::npos);
  CHECK(parse({"--group-by", "domain"}).error.find("requires") != std::string::npos);
  CHECK(parse({"--methods", "GET,PO ST"}).error.find("not an HTTP method") != std::string::npos);
  CHECK(parse({"--collection", "/c.json", "--group-by", "host"}).error.find("not a grouping") !=
        std::string::npos);
  CHECK(parse({"--body-limit", "lots"}).error.find("not a byte count") != std::string::npos);
}

TEST_CASE("merging keeps unnamed options and swaps the URL filter kind", "[cli][filters]") {
  const json current = {
      {"url_contains", "api"}, {"url_regex", ""}, {"methods", {"GET"}}, {"capture_cookies", true}};
  CHECK(merge_capture_options(current, {{"url_regex", "^https://"}}) ==
        json{{"url_contains", ""},
             {"url_regex", "^https://"},
             {"methods", {"GET"}},
             {"capture_cookies", true}});
  CHECK(merge_capture_options(current, {{"methods", {"POST"}}})["methods"] == json{"POST"});
  CHECK(merge_capture_options(nullptr, {{"url_contains", "x"}}) ==
        json{{"url_contains", "x"}, {"url_regex", ""}});
}

TEST_CASE("ids are whole numbers from 1 up", "[cli][filters]") {
  for (const auto& [text, ok] :
       std::vector<std::pair<std::string, bool>>{{"1", true},
                                                 {"42", true},
                                                 {"0", false},
                                                 {"-3", false},
                                                 {"x", false},
                                                 {"1.5", false},
                                                 {"99999999999999999999", false}}) {
    CLI::App app;
    std::int64_t id = 0;
    add_id_argument(app, id, "id", "an id");
    std::vector<const char*> argv{"show", text.c_str()};
    bool parsed = true;
    try {
      app.parse(2, argv.data());
    } catch (const CLI::ParseError&) {
      parsed = false;
    }
    CHECK(parsed == ok);
    if (ok) CHECK(id == std::stoll(text));
  }
}
