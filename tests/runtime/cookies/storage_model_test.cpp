#include "runtime/cookies/storage_model.hpp"

#include <catch2/catch.hpp>

using namespace postern::cookies;
using namespace std::chrono;

namespace {

const Time kNow{sys_days{year{2024} / 3 / 1}};

const PublicSuffixList& suffixes() {
  static const PublicSuffixList list = PublicSuffixList::parse("com\nuk\nco.uk\nio\ngithub.io\n");
  return list;
}

RequestContext request(std::string_view url) {
  auto context = request_context_from_url(url);
  REQUIRE(context);
  return context.value();
}

postern::base::Result<Cookie> make(std::string_view url, std::string_view header,
                                   RequestContext* adjust = nullptr) {
  auto parsed = parse_set_cookie(header, kNow);
  REQUIRE(parsed);
  RequestContext context = adjust ? *adjust : request(url);
  return make_cookie(parsed.value(), context, suffixes(), kNow);
}

Cookie made(std::string_view url, std::string_view header) {
  auto cookie = make(url, header);
  INFO(header);
  REQUIRE(cookie);
  return cookie.value();
}

std::error_code refused(std::string_view url, std::string_view header) {
  auto cookie = make(url, header);
  INFO(header);
  REQUIRE_FALSE(cookie);
  return cookie.error().code;
}

}  // namespace

TEST_CASE("without Domain a cookie is host-only for the request host (§5.3 step 6)") {
  auto cookie = made("https://www.Example.com/docs/page", "SID=31d4d96e407aad42");
  CHECK(cookie.host_only);
  CHECK(cookie.domain == "www.example.com");
  CHECK(cookie.path == "/docs");  // the default path
  CHECK(cookie.created == kNow);
  CHECK(cookie.last_access == kNow);
  CHECK_FALSE(cookie.persistent());
}

TEST_CASE("a Domain the host is inside makes a domain cookie") {
  auto cookie = made("https://www.example.com/", "SID=1; Domain=example.com; Path=/");
  CHECK_FALSE(cookie.host_only);
  CHECK(cookie.domain == "example.com");
  cookie = made("https://example.com/", "SID=1; Domain=.EXAMPLE.com");
  CHECK_FALSE(cookie.host_only);
  CHECK(cookie.domain == "example.com");
}

TEST_CASE("a Domain that does not cover the host is refused") {
  CHECK(refused("https://example.com/", "a=1; Domain=www.example.com") == errc::domain_mismatch);
  CHECK(refused("https://example.com/", "a=1; Domain=other.com") == errc::domain_mismatch);
  CHECK(refused("https://badexample.com/", "a=1; Domain=example.com") == errc::domain_mismatch);
  CHECK(refused("https://1.2.3.4/", "a=1; Domain=2.3.4") == errc::domain_mismatch);
}

TEST_CASE("public suffixes are refused unless the host is that suffix") {
  CHECK(refused("https://example.com/", "a=1; Domain=com") == errc::public_suffix);
  CHECK(refused("https://bbc.co.uk/", "a=1; Domain=co.uk") == errc::public_suffix);
  CHECK(refused("https://me.github.io/", "a=1; Domain=github.io") == errc::public_suffix);
  // §5.3 step 5: the host equal to the suffix gets a host-only cookie.
  auto cookie = made("https://github.io/", "a=1; Domain=github.io");
  CHECK(cookie.host_only);
  CHECK(cookie.domain == "github.io");
  // A domain under the suffix is fine.
  CHECK_FALSE(made("https://me.github.io/", "a=1; Domain=me.github.io").host_only);
}

TEST_CASE("a non-ASCII Domain is refused; a non-ASCII host still gets host-only cookies") {
  CHECK(refused("https://example.com/", "a=1; Domain=\xC3\xA9xample.com") ==
        errc::domain_not_ascii);
  RequestContext context;
  context.host = "\xC3\xA9xample.com";
  auto cookie = make("", "a=1", &context);
  REQUIRE(cookie);
  CHECK(cookie.value().domain == "\xC3\xA9xample.com");
}

TEST_CASE("Path: explicit, default, or default for a bad one") {
  CHECK(made("https://example.com/a/b/c", "x=1; Path=/docs").path == "/docs");
  CHECK(made("https://example.com/a/b/c", "x=1").path == "/a/b");
  CHECK(made("https://example.com/a/b/c", "x=1; Path=relative").path == "/a/b");
  CHECK(made("https://example.com/", "x=1").path == "/");
}

TEST_CASE("Secure cookies only from secure contexts") {
  CHECK(refused("http://example.com/", "a=1; Secure") == errc::secure_from_insecure);
  CHECK(made("https://example.com/", "a=1; Secure").secure);
  CHECK(made("http://localhost:8080/", "a=1; Secure").secure);  // loopback is secure
}

TEST_CASE("HttpOnly cookies are not accepted from non-HTTP APIs") {
  RequestContext script = request("https://example.com/");
  script.http_api = false;
  auto cookie = make("", "a=1; HttpOnly", &script);
  REQUIRE_FALSE(cookie);
  CHECK(cookie.error().code == errc::http_only_from_script);
  CHECK(make("", "a=1", &script));
  CHECK(made("https://example.com/", "a=1; HttpOnly").http_only);
}

TEST_CASE("SameSite: None needs Secure; cross-site subrequests set None cookies only") {
  CHECK(refused("https://example.com/", "a=1; SameSite=None") == errc::same_site_none_insecure);
  CHECK(made("https://example.com/", "a=1; SameSite=None; Secure").same_site == SameSite::none);
  CHECK(made("https://example.com/", "a=1; SameSite=Strict").same_site == SameSite::strict);

  RequestContext cross = request("https://example.com/");
  cross.site = SiteContext::cross_site;
  for (const char* header : {"a=1; SameSite=Lax", "a=1; SameSite=Strict", "a=1"}) {
    auto cookie = make("", header, &cross);
    REQUIRE_FALSE(cookie);
    CHECK(cookie.error().code == errc::cross_site_blocked);
  }
  CHECK(make("", "a=1; SameSite=None; Secure", &cross));
  cross.top_level_navigation = true;  // following a link to the site may set any cookie
  CHECK(make("", "a=1; SameSite=Strict", &cross));
}

TEST_CASE("__Secure- and __Host- prefixes (RFC 6265bis §4.1.3)") {
  CHECK(made("https://example.com/", "__Secure-id=1; Secure").name == "__Secure-id");
  CHECK(refused("https://example.com/", "__Secure-id=1") == errc::invalid_prefix);
  CHECK(refused("http://example.com/", "__Secure-id=1; Secure") == errc::secure_from_insecure);
  CHECK(refused("https://example.com/", "__secure-id=1") == errc::invalid_prefix);  // any case

  CHECK(made("https://example.com/a", "__Host-id=1; Secure; Path=/").host_only);
  CHECK(refused("https://example.com/", "__Host-id=1; Path=/") == errc::invalid_prefix);
  CHECK(refused("https://example.com/", "__Host-id=1; Secure") == errc::invalid_prefix);  // no Path
  CHECK(refused("https://example.com/", "__Host-id=1; Secure; Path=/a") == errc::invalid_prefix);
  CHECK(refused("https://www.example.com/", "__Host-id=1; Secure; Path=/; Domain=example.com") ==
        errc::invalid_prefix);
  CHECK(refused("https://example.com/", "__HOST-id=1; Secure; Path=/; Domain=example.com") ==
        errc::invalid_prefix);
}

TEST_CASE("the refusal names the cookie and the origin") {
  auto cookie = make("http://example.com/", "session=1; Secure");
  REQUIRE_FALSE(cookie);
  CHECK(cookie.error().message.find("\"session\"") != std::string::npos);
  CHECK(cookie.error().message.find("http://example.com") != std::string::npos);
}

TEST_CASE("an empty request host cannot set cookies") {
  RequestContext context;
  context.host = "";
  auto cookie = make("", "a=1", &context);
  REQUIRE_FALSE(cookie);
  CHECK(cookie.error().code == errc::domain_mismatch);
}

TEST_CASE("strict secure cookies: what an insecure cookie may not shadow") {
  Cookie secure{.name = "id", .value = "1", .domain = "example.com", .path = "/", .secure = true};
  Cookie candidate{.name = "id", .value = "2", .domain = "www.example.com", .path = "/app"};
  CHECK(shadows_secure_cookie(candidate, secure));
  candidate.domain = "example.com";
  CHECK(shadows_secure_cookie(candidate, secure));
  candidate.name = "other";
  CHECK_FALSE(shadows_secure_cookie(candidate, secure));
  candidate.name = "id";
  candidate.domain = "other.com";
  CHECK_FALSE(shadows_secure_cookie(candidate, secure));
  secure.secure = false;
  candidate.domain = "example.com";
  CHECK_FALSE(shadows_secure_cookie(candidate, secure));
  // A candidate on a shorter path is not inside the secure cookie's path.
  secure =
      Cookie{.name = "id", .value = "1", .domain = "example.com", .path = "/app", .secure = true};
  candidate.path = "/";
  CHECK_FALSE(shadows_secure_cookie(candidate, secure));
}

TEST_CASE("cookies read from files are checked like stored ones") {
  auto check = [](Cookie cookie) { return check_stored_cookie(cookie, suffixes()); };
  Cookie good{.name = "a", .value = "1", .domain = "example.com", .path = "/"};
  CHECK_FALSE(check(good));
  Cookie bad = good;
  bad.host_only = false;
  bad.domain = "co.uk";
  CHECK(check(bad) == errc::public_suffix);
  bad.host_only = true;  // a host-only cookie for a host that is a suffix is fine
  CHECK_FALSE(check(bad));
  bad = good;
  bad.path = "x";
  CHECK(check(bad) == errc::bad_path);
  bad = good;
  bad.domain = "";
  CHECK(check(bad) == errc::empty_domain);
  bad = good;
  bad.domain = "ex ample.com";
  CHECK(check(bad) == errc::invalid_character);
  bad = good;
  bad.value = "a;b";
  CHECK(check(bad) == errc::invalid_character);
  bad = good;
  bad.same_site = SameSite::none;
  CHECK(check(bad) == errc::same_site_none_insecure);
  bad = good;
  bad.name = "__Host-a";
  bad.secure = true;
  CHECK_FALSE(check(bad));
  bad.path = "/x";
  CHECK(check(bad) == errc::invalid_prefix);
}
