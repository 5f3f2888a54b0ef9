#include "runtime/cookies/cookie_date.hpp"

#include <array>

#include "runtime/cookies/ascii.hpp"

namespace postern::cookies {

namespace {

// delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E (§5.1.1). Everything else, ':' and
// bytes >= 0x80 included, belongs to a token.
bool is_delimiter(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b == 0x09 || (b >= 0x20 && b <= 0x2F) || (b >= 0x3B && b <= 0x40) ||
         (b >= 0x5B && b <= 0x60) || (b >= 0x7B && b <= 0x7E);
}

// Reads min..max digits at `at`; the byte after them (if any) must not be a digit, which is
// what "1*2DIGIT ( non-digit *OCTET )" asks for.
std::optional<int> digits(std::string_view token, std::size_t& at, std::size_t min,
                          std::size_t max) {
  std::size_t count = 0;
  int value = 0;
  while (at + count < token.size() && ascii::is_digit(token[at + count])) {
    if (++count > max) return std::nullopt;
    value = value * 10 + (token[at + count - 1] - '0');
  }
  if (count < min) return std::nullopt;
  at += count;
  return value;
}

struct TimeOfDay {
  int hour, minute, second;
};

// time = hms-time ( non-digit *OCTET ); hms-time = time-field ":" time-field ":" time-field
std::optional<TimeOfDay> time_of_day(std::string_view token) {
  std::size_t at = 0;
  std::array<int, 3> fields{};
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0 && (at >= token.size() || token[at++] != ':')) return std::nullopt;
    auto field = digits(token, at, 1, 2);
    if (!field) return std::nullopt;
    fields[i] = *field;
  }
  return TimeOfDay{fields[0], fields[1], fields[2]};
}

std::optional<int> number(std::string_view token, std::size_t min, std::size_t max) {
  std::size_t at = 0;
  return digits(token, at, min, max);
}

// month = ( "jan" / "feb" / ... / "dec" ) *OCTET, case-insensitive.
std::optional<unsigned> month_of(std::string_view token) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  for (unsigned i = 0; i < kMonths.size(); ++i)
    if (ascii::istarts_with(token, kMonths[i])) return i + 1;
  return std::nullopt;
}

struct DateFields {
  std::optional<TimeOfDay> time;
  std::optional<int> day;
  std::optional<unsigned> month;
  std::optional<int> year;

  // Step 2: each token fills the first field, in this order, that it can and that is still empty.
  void take(std::string_view token) {
    if (!time && (time = time_of_day(token))) return;
    if (!day && (day = number(token, 1, 2))) return;
    if (!month && (month = month_of(token))) return;
    if (!year) year = number(token, 2, 4);
  }
};

}  // namespace

std::optional<Time> parse_cookie_date(std::string_view text) {
  DateFields found;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && is_delimiter(text[at]))
      ++at;
    const std::size_t start = at;
    while (at < text.size() && !is_delimiter(text[at]))
      ++at;
    if (at > start) found.take(text.substr(start, at - start));
  }
  if (!found.time || !found.day || !found.month || !found.year) return std::nullopt;

  // Steps 3 and 4: two-digit years, 70-99 in the 1900s and 00-69 in the 2000s.
  int year = *found.year;
  if (year >= 70 && year <= 99) year += 1900;
  if (year >= 0 && year <= 69) year += 2000;
  // Step 5: the ranges; 1601 is where the Windows FILETIME epoch, and so the spec, starts.
  const TimeOfDay& t = *found.time;
  if (*found.day < 1 || *found.day > 31 || year < 1601 || t.hour > 23 || t.minute > 59 ||
      t.second > 59)
    return std::nullopt;

  // Step 6: a date that does not exist (30 February) fails rather than rolling over.
  using namespace std::chrono;
  const year_month_day date{std::chrono::year{year}, std::chrono::month{*found.month},
                            std::chrono::day{static_cast<unsigned>(*found.day)}};
  if (!date.ok()) return std::nullopt;
  return Time{sys_days{date}} + hours{t.hour} + minutes{t.minute} + seconds{t.second};
}

}  // namespace postern::cookies
