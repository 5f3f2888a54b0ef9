#include "runtime/control/api_time.hpp"

#include <catch2/catch.hpp>

using namespace postern::control;
using namespace std::chrono;

TEST_CASE("API times are UTC ISO 8601 with milliseconds", "[control][time]") {
  CHECK(format_api_time(sys_time<milliseconds>{}) == "1970-01-01T00:00:00.000Z");
  const auto when = sys_days(year(2026) / November / 22) + hours(10) + milliseconds(123);
  CHECK(format_api_time(when) == "2026-11-22T10:00:00.123Z");
  CHECK(format_api_time(sys_days(year(2024) / February / 29) + minutes(61) + seconds(7)) ==
        "2024-02-29T01:01:07.000Z");
  // Before the epoch counts down correctly (floor, not truncation towards zero).
  CHECK(format_api_time(sys_time<milliseconds>{milliseconds(-1)}) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("API times outside four-digit years are clamped", "[control][time]") {
  const auto far = sys_days(year(12000) / January / 1);
  CHECK(format_api_time(time_point_cast<milliseconds>(far)) == "9999-12-31T23:59:59.999Z");
  const auto before = sys_days(year(-5) / January / 1);
  CHECK(format_api_time(time_point_cast<milliseconds>(before)) == "0000-01-01T00:00:00.000Z");
}
