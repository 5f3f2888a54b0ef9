#include "runtime/cookies/cookie_date.hpp"

#include <catch2/catch.hpp>

using namespace postern::cookies;
using namespace std::chrono;

namespace {

Time at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  return Time{sys_days{year{y} / m / d}} + hours{hh} + minutes{mm} + seconds{ss};
}

}  // namespace

TEST_CASE("the three HTTP date formats (RFC 6265 §5.1.1, RFC 2616 §3.3.1)") {
  const Time expected = at(1994, 11, 6, 8, 49, 37);
  CHECK(parse_cookie_date("Sun, 06 Nov 1994 08:49:37 GMT") == expected);   // RFC 1123
  CHECK(parse_cookie_date("Sunday, 06-Nov-94 08:49:37 GMT") == expected);  // RFC 850
  CHECK(parse_cookie_date("Sun Nov  6 08:49:37 1994") == expected);        // asctime
}

TEST_CASE("the examples of RFC 6265 §3.1 and §5 parse") {
  CHECK(parse_cookie_date("Wed, 09 Jun 2021 10:18:14 GMT") == at(2021, 6, 9, 10, 18, 14));
  CHECK(parse_cookie_date("Thu, 01 Jan 1970 00:00:00 GMT") == Time{});
}

TEST_CASE("two-digit years: 70-99 are 19xx, 00-69 are 20xx") {
  CHECK(parse_cookie_date("Thu, 01-Jan-70 00:00:01 GMT") == at(1970, 1, 1, 0, 0, 1));
  CHECK(parse_cookie_date("Wed, 31-Dec-69 23:59:59 GMT") == at(2069, 12, 31, 23, 59, 59));
  CHECK(parse_cookie_date("Sat, 15-Apr-17 21:01:22 GMT") == at(2017, 4, 15, 21, 1, 22));
  CHECK(parse_cookie_date("1 Jan 00 00:00:00") == at(2000, 1, 1));
  CHECK(parse_cookie_date("1 Jan 99 00:00:00") == at(1999, 1, 1));
}

TEST_CASE("odd formats browsers accept") {
  // Tokens in any order, single-digit fields, month names in full or any case.
  CHECK(parse_cookie_date("2011 Oct 18 07:42:42") == at(2011, 10, 18, 7, 42, 42));
  CHECK(parse_cookie_date("Tue Oct 18 2011 07:05:03 GMT+0000 (GMT)") == at(2011, 10, 18, 7, 5, 3));
  CHECK(parse_cookie_date("Tue, 18 Oct 2011 07:05:03 -0700") == at(2011, 10, 18, 7, 5, 3));
  CHECK(parse_cookie_date("18 OCTOBER 2011 7:5:3") == at(2011, 10, 18, 7, 5, 3));
  CHECK(parse_cookie_date("18-oct-2011 07:42:42 gmt") == at(2011, 10, 18, 7, 42, 42));
  CHECK(parse_cookie_date("6th Nov 1994 08:49:37") == at(1994, 11, 6, 8, 49, 37));
  CHECK(parse_cookie_date("08:49:37xyz 6 Nov 1994") == at(1994, 11, 6, 8, 49, 37));
  CHECK(parse_cookie_date("Fri, 31 Dec 9999 23:59:59 GMT") == at(9999, 12, 31, 23, 59, 59));
  CHECK(parse_cookie_date("Mon, 01 Jan 1601 00:00:00 GMT") == at(1601, 1, 1));
  CHECK(parse_cookie_date("Thu, 29 Feb 2024 12:00:00 GMT") == at(2024, 2, 29, 12));
}

TEST_CASE("dates the algorithm refuses") {
  CHECK_FALSE(parse_cookie_date(""));
  CHECK_FALSE(parse_cookie_date("garbage"));
  CHECK_FALSE(parse_cookie_date("Sun, 06 Nov 1994"));               // no time
  CHECK_FALSE(parse_cookie_date("Sun, Nov 1994 08:49:37 GMT"));     // no day... 1994 is 4 digits
  CHECK_FALSE(parse_cookie_date("Sun, 06 1994 08:49:37 GMT"));      // no month
  CHECK_FALSE(parse_cookie_date("Sun, 06 Nov 08:49:37 GMT"));       // no year
  CHECK_FALSE(parse_cookie_date("Sun, 32 Nov 1994 08:49:37 GMT"));  // day 32
  CHECK_FALSE(parse_cookie_date("Sun, 00 Nov 1994 08:49:37 GMT"));  // day 0
  CHECK_FALSE(parse_cookie_date("Sun, 06 Nov 1600 08:49:37 GMT"));  // before 1601
  CHECK_FALSE(parse_cookie_date("Sun, 06 Nov 1994 24:00:00 GMT"));  // hour 24
  CHECK_FALSE(parse_cookie_date("Sun, 06 Nov 1994 08:60:00 GMT"));  // minute 60
  CHECK_FALSE(parse_cookie_date("Sun, 06 Nov 1994 08:49:60 GMT"));  // leap seconds neither
  CHECK_FALSE(parse_cookie_date("Fri, 31 Feb 2024 00:00:00 GMT"));  // no such day
  CHECK_FALSE(parse_cookie_date("Thu, 29 Feb 2023 00:00:00 GMT"));  // not a leap year
  CHECK_FALSE(parse_cookie_date("Sun, 06 Nov 1994 123:49:37"));     // three-digit hour
  CHECK_FALSE(parse_cookie_date("Sun, 06 Nov 19945 08:49:37"));     // five-digit year
}

TEST_CASE("control and non-ASCII bytes are token characters and never crash") {
  CHECK(parse_cookie_date("06 Nov 1994 08:49:37 \xE2\x82\xAC") == at(1994, 11, 6, 8, 49, 37));
  CHECK_FALSE(parse_cookie_date(std::string_view("06\0Nov 1994 08:49:37", 20)));
}
