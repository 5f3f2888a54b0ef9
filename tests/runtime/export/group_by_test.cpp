#include "runtime/export/group_by.hpp"

#include <catch2/catch.hpp>

using namespace postern::exports;

TEST_CASE("group_by words", "[export][group]") {
  CHECK(parse_group_by("").value() == GroupBy{});
  CHECK(parse_group_by("none").value() == GroupBy{});
  CHECK(parse_group_by("domain").value() == GroupBy{true, false});
  CHECK(parse_group_by("endpoint").value() == GroupBy{false, true});
  CHECK(parse_group_by("domain,endpoint").value() == GroupBy{true, true});
  CHECK(parse_group_by(" endpoint , domain ").value() == GroupBy{true, true});
  CHECK(to_string(GroupBy{true, true}) == "domain,endpoint");
  CHECK(to_string(GroupBy{}) == "none");
  CHECK(to_string(parse_group_by("endpoint").value()) == "endpoint");
}

TEST_CASE("an unknown grouping is named in the error", "[export][group]") {
  auto parsed = parse_group_by("domain,path");
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().code == std::errc::invalid_argument);
  CHECK(parsed.error().message == "group_by: unknown grouping \"path\"");
  CHECK(parsed.error().remedy.find("domain,endpoint") != std::string::npos);
}
