#include "runtime/cookies/set_cookie.hpp"

#include <catch2/catch.hpp>

using namespace postern::cookies;
using namespace std::chrono;

namespace {

const Time kNow{sys_days{year{2021} / 6 / 1}};

SetCookie parsed(std::string_view header) {
  auto result = parse_set_cookie(header, kNow);
  INFO(header);
  REQUIRE(result);
  return result.value();
}

std::error_code refused(std::string_view header) {
  auto result = parse_set_cookie(header, kNow);
  INFO(header);
  REQUIRE_FALSE(result);
  return result.error().code;
}

bool noted(const SetCookie& cookie, errc reason) {
  for (const auto& note : cookie.notes)
    if (note.reason == reason) return true;
  return false;
}

}  // namespace

TEST_CASE("RFC 6265 §3.1: a plain name=value pair") {
  auto cookie = parsed("SID=31d4d96e407aad42");
  CHECK(cookie.name == "SID");
  CHECK(cookie.value == "31d4d96e407aad42");
  CHECK_FALSE(cookie.expires);
  CHECK_FALSE(cookie.domain);
  CHECK_FALSE(cookie.path);
  CHECK_FALSE(cookie.secure);
  CHECK_FALSE(cookie.http_only);
  CHECK(cookie.same_site == SameSite::unspecified);
  CHECK(cookie.notes.empty());
}

TEST_CASE("RFC 6265 §3.1: Path, Domain, Secure, HttpOnly") {
  auto cookie = parsed("SID=31d4d96e407aad42; Path=/; Domain=example.com");
  CHECK(cookie.path == "/");
  CHECK(cookie.domain == "example.com");
  cookie = parsed("SID=31d4d96e407aad42; Path=/; Secure; HttpOnly");
  CHECK(cookie.secure);
  CHECK(cookie.http_only);
  cookie = parsed("lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT");
  CHECK(cookie.expires ==
        Time{sys_days{year{2021} / 6 / 9}} + hours{10} + minutes{18} + seconds{14});
}

TEST_CASE("names and values are trimmed, values keep quotes and '='") {
  auto cookie = parsed("  name \t=  \"a=b c\"  ; Path=/x");
  CHECK(cookie.name == "name");
  CHECK(cookie.value == "\"a=b c\"");
  cookie = parsed("token=abc==");
  CHECK(cookie.value == "abc==");
  cookie = parsed("empty=");
  CHECK(cookie.name == "empty");
  CHECK(cookie.value.empty());
}

TEST_CASE("a pair without '=' is a nameless cookie (RFC 6265bis)") {
  auto cookie = parsed("justavalue; Secure");
  CHECK(cookie.name.empty());
  CHECK(cookie.value == "justavalue");
  CHECK(cookie.secure);
  cookie = parsed("=value");
  CHECK(cookie.name.empty());
  CHECK(cookie.value == "value");
}

TEST_CASE("lines a browser ignores, and why") {
  CHECK(refused("") == errc::empty_cookie);
  CHECK(refused("=") == errc::empty_cookie);
  CHECK(refused("  ; Path=/") == errc::empty_cookie);
  CHECK(refused("a=b\r\nSet-Cookie: evil=1") == errc::invalid_character);
  CHECK(refused(std::string_view("a=b\0c", 5)) == errc::invalid_character);
  CHECK(refused("a=b; Path=/\x7F") == errc::invalid_character);
  CHECK(refused("a=" + std::string(kMaxNameValueBytes, 'x')) == errc::cookie_too_large);
  CHECK(refused("__Secure-id; Secure") == errc::invalid_prefix);  // nameless posing as prefixed
  CHECK(refused("__HOST-x") == errc::invalid_prefix);
  // The limit is on name and value together: exactly 4096 bytes is fine.
  CHECK(parse_set_cookie("a=" + std::string(kMaxNameValueBytes - 1, 'x'), kNow));
}

TEST_CASE("the error message quotes the line safely") {
  auto result = parse_set_cookie("a=b\r\nX: y", kNow);
  REQUIRE_FALSE(result);
  CHECK(result.error().message.find("\\x0D\\x0A") != std::string::npos);
}

TEST_CASE("attribute names are case-insensitive and the last one wins") {
  auto cookie = parsed("a=b; PATH=/one; path=/two; DOMAIN=.Example.COM; secure; HTTPONLY");
  CHECK(cookie.path == "/two");
  CHECK(cookie.domain == "example.com");  // leading dot dropped, lower case
  CHECK(cookie.secure);
  CHECK(cookie.http_only);
}

TEST_CASE("Max-Age wins over Expires whatever the order") {
  auto cookie = parsed("a=b; Max-Age=60; Expires=Wed, 09 Jun 2021 10:18:14 GMT");
  CHECK(cookie.expires == kNow + seconds{60});
  cookie = parsed("a=b; Expires=Wed, 09 Jun 2021 10:18:14 GMT; Max-Age=60");
  CHECK(cookie.expires == kNow + seconds{60});
}

TEST_CASE("Max-Age zero or negative means already expired") {
  CHECK(*parsed("a=b; Max-Age=0").expires < kNow);
  CHECK(*parsed("a=b; Max-Age=-1").expires < kNow);
}

TEST_CASE("bad Max-Age and Expires values are ignored with a note") {
  auto cookie = parsed("a=b; Max-Age=1e3; Max-Age=+5; Max-Age=-; Max-Age=; Expires=soon");
  CHECK_FALSE(cookie.expires);
  CHECK(noted(cookie, errc::bad_max_age));
  CHECK(noted(cookie, errc::bad_expires));
  CHECK(cookie.notes.size() == 5);
  // A bad Max-Age does not hide a good Expires.
  cookie = parsed("a=b; Expires=Wed, 09 Jun 2021 10:18:14 GMT; Max-Age=abc");
  CHECK(cookie.expires);
}

TEST_CASE("expiry is capped at 400 days, and huge Max-Age does not overflow") {
  CHECK(parsed("a=b; Max-Age=99999999999999999999999999").expires == kNow + kMaxCookieAge);
  CHECK(parsed("a=b; Expires=Fri, 31 Dec 9999 23:59:59 GMT").expires == kNow + kMaxCookieAge);
  CHECK(parsed("a=b; Max-Age=86400").expires == kNow + days{1});
}

TEST_CASE("Domain without a value is ignored; Path that is not absolute means the default") {
  auto cookie = parsed("a=b; Domain=; Domain=.");
  CHECK_FALSE(cookie.domain);
  CHECK(noted(cookie, errc::empty_domain));
  cookie = parsed("a=b; Path=/good; Path=relative");
  REQUIRE(cookie.path);
  CHECK(cookie.path->empty());  // the later, bad Path still overrides: default path
  CHECK(noted(cookie, errc::bad_path));
  CHECK(parsed("a=b; Path=").path == std::string{});
}

TEST_CASE("SameSite values, any case; unknown ones fall back to the default") {
  CHECK(parsed("a=b; SameSite=Strict").same_site == SameSite::strict);
  CHECK(parsed("a=b; samesite=LAX").same_site == SameSite::lax);
  CHECK(parsed("a=b; SameSite=none; Secure").same_site == SameSite::none);
  auto cookie = parsed("a=b; SameSite=Strict; SameSite=Sometimes");
  CHECK(cookie.same_site == SameSite::unspecified);
  CHECK(noted(cookie, errc::unknown_same_site));
  CHECK(noted(parsed("a=b; SameSite"), errc::unknown_same_site));
}

TEST_CASE("over-long attribute values and unknown attributes are noted and dropped") {
  auto cookie =
      parsed("a=b; Path=/" + std::string(kMaxAttributeValueBytes, 'p') + "; Priority=High");
  CHECK_FALSE(cookie.path);
  REQUIRE(cookie.notes.size() == 2);
  CHECK(cookie.notes[0].reason == errc::attribute_too_long);
  CHECK(cookie.notes[0].attribute.size() < 100);  // cut short for display
  CHECK(cookie.notes[1].reason == errc::unknown_attribute);
  CHECK(cookie.notes[1].attribute == "Priority=High");
}

TEST_CASE("empty attributes and stray semicolons are skipped silently") {
  auto cookie = parsed("a=b;;; ;Secure;");
  CHECK(cookie.secure);
  CHECK(cookie.notes.empty());
}

TEST_CASE("non-ASCII bytes in values and attributes are kept as bytes") {
  auto cookie = parsed("caf\xC3\xA9=cr\xC3\xA8me; Domain=\xC3\x84XAMPLE.com");
  CHECK(cookie.name == "caf\xC3\xA9");
  CHECK(cookie.value == "cr\xC3\xA8me");
  CHECK(cookie.domain == "\xC3\x84xample.com");  // only ASCII letters lowered
  CHECK(parse_set_cookie("a=\xFF\xFE", kNow));
}

TEST_CASE("check_name_value: the rules for cookies typed by hand") {
  CHECK_FALSE(check_name_value("a", "b"));
  CHECK_FALSE(check_name_value("", "value"));
  CHECK(check_name_value("a;b", "c") == errc::invalid_character);
  CHECK(check_name_value("a=b", "c") == errc::invalid_character);
  CHECK(check_name_value("a", "b;c") == errc::invalid_character);
  CHECK(check_name_value("a", "b\nc") == errc::invalid_character);
  CHECK(check_name_value("", "") == errc::empty_cookie);
  CHECK(check_name_value("", "__Host-x") == errc::invalid_prefix);
  CHECK(check_name_value("a", std::string(kMaxNameValueBytes, 'x')) == errc::cookie_too_large);
}
