#include "runtime/control/api_time.hpp"

#include <algorithm>
#include <cstdio>

namespace postern::control {

std::string format_api_time(std::chrono::sys_time<std::chrono::milliseconds> time) {
  using namespace std::chrono;
  // ISO 8601 without an expanded representation has four-digit years only; a cookie expiry can
  // come from any date a server wrote, so clamp rather than print something no parser reads.
  const auto earliest = sys_days(year(0) / January / 1);
  const auto latest = sys_days(year(9999) / December / 31) + hours(24) - milliseconds(1);
  time = std::clamp<sys_time<milliseconds>>(time, earliest, latest);
  const auto day = floor<days>(time);
  const year_month_day date(day);
  const hh_mm_ss clock(time - day);
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(clock.hours().count()),
                int(clock.minutes().count()), int(clock.seconds().count()),
                int(clock.subseconds().count()));
  return text;
}

}  // namespace postern::control
