#include "runtime/capture/regex.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "runtime/capture/errc.hpp"

using postern::capture::MatchResult;
using postern::capture::Regex;
namespace errc = postern::capture;

TEST_CASE("a pattern matches anywhere in the subject, on bytes", "[regex]") {
  auto regex = Regex::compile(R"(/api/v\d+/)", "url_regex");
  REQUIRE(regex);
  CHECK(regex.value().matches("https://example.com/api/v2/users"));
  CHECK_FALSE(regex.value().matches("https://example.com/api/vx/users"));
  CHECK(regex.value().search("") == MatchResult::no_match);
  CHECK(regex.value().pattern() == R"(/api/v\d+/)");
  // Bytes that are not UTF-8 are just bytes: no error, no match of the pattern.
  CHECK(regex.value().search(std::string("https://h/\xff\xfe")) == MatchResult::no_match);
  auto anchored = Regex::compile("^https://", "url_regex");
  REQUIRE(anchored);
  CHECK(anchored.value().matches("https://a/"));
  CHECK_FALSE(anchored.value().matches("http://a/"));
}

TEST_CASE("a pattern that does not compile names the field, the reason and the offset", "[regex]") {
  auto broken = Regex::compile("(unclosed", "exclude_regex");
  REQUIRE_FALSE(broken);
  CHECK(broken.error().code == errc::errc::bad_option);
  CHECK(broken.error().message.starts_with("exclude_regex: "));
  CHECK(broken.error().message.find("offset 9") != std::string::npos);
  CHECK_FALSE(Regex::compile("a{2,1}", "url_regex"));
  CHECK_FALSE(Regex::compile("(*UTF)abc", "url_regex"));  // matching stays on bytes
  CHECK_FALSE(Regex::compile(std::string(Regex::kMaxPatternBytes + 1, 'a'), "url_regex"));
  CHECK(Regex::compile(std::string(Regex::kMaxPatternBytes, 'a'), "url_regex"));
}

TEST_CASE("a catastrophic pattern gives up quickly instead of hanging", "[regex]") {
  auto regex = Regex::compile("^(a+)+$", "url_regex");
  REQUIRE(regex);
  // Without a limit this takes about 2^40 steps.
  const std::string subject = "https://h/" + std::string(40, 'a') + "!";
  const auto start = std::chrono::steady_clock::now();
  const auto result = regex.value().search(std::string(40, 'a') + "!");
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(result == MatchResult::gave_up);
  CHECK_FALSE(regex.value().matches(subject));
  CHECK(took < std::chrono::milliseconds(500));
}

TEST_CASE("one compiled pattern serves many threads at once", "[regex]") {
  auto regex = Regex::compile(R"(id=(\d+)$)", "url_regex");
  REQUIRE(regex);
  const Regex shared = regex.value();
  std::vector<std::thread> threads;
  std::vector<int> hits(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i)
        if (shared.matches("https://h/x?id=" + std::to_string(i))) ++hits[t];
    });
  for (auto& thread : threads)
    thread.join();
  for (const int count : hits)
    CHECK(count == 2000);
}
