#include "runtime/cookies/cookie_jar.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <thread>

using namespace postern::cookies;
using namespace std::chrono;

namespace {

const PublicSuffixList& suffixes() {
  static const PublicSuffixList list =
      PublicSuffixList::parse("com\norg\nuk\nco.uk\nio\ngithub.io\n*.ck\n!www.ck\n");
  return list;
}

// A jar on a clock the test moves by hand.
struct Fixture {
  Time now{sys_days{year{2021} / 6 / 1}};
  CookieJar jar{[this] { return now; }, suffixes()};

  RequestContext at(std::string_view url) {
    auto context = request_context_from_url(url);
    REQUIRE(context);
    return context.value();
  }
  StoreResult set(std::string_view url, std::string_view header) {
    auto stored = jar.store(at(url), header);
    INFO(url << " " << header);
    REQUIRE(stored);
    return stored.value();
  }
  std::error_code refused(std::string_view url, std::string_view header) {
    auto stored = jar.store(at(url), header);
    INFO(url << " " << header);
    REQUIRE_FALSE(stored);
    return stored.error().code;
  }
  std::string header(std::string_view url) { return jar.cookie_header_for(at(url)); }
};

}  // namespace

TEST_CASE("RFC 6265 §3.1: a host-only session cookie comes back to its host only") {
  Fixture f;
  CHECK(f.set("https://example.com/", "SID=31d4d96e407aad42").action == StoreAction::added);
  CHECK(f.header("https://example.com/") == "SID=31d4d96e407aad42");
  CHECK(f.header("https://www.example.com/").empty());
}

TEST_CASE("RFC 6265 §3.1: a Domain cookie goes to subdomains too") {
  Fixture f;
  f.set("https://example.com/", "SID=31d4d96e407aad42; Path=/; Domain=example.com");
  CHECK(f.header("https://example.com/") == "SID=31d4d96e407aad42");
  CHECK(f.header("https://www.example.com/any") == "SID=31d4d96e407aad42");
  CHECK(f.header("https://example.org/").empty());
}

TEST_CASE("RFC 6265 §3.1: Secure and HttpOnly, two cookies in one header") {
  Fixture f;
  f.set("https://www.example.com/", "SID=31d4d96e407aad42; Path=/; Secure; HttpOnly");
  f.set("https://www.example.com/", "lang=en-US; Path=/; Domain=example.com");
  CHECK(f.header("https://www.example.com/") == "SID=31d4d96e407aad42; lang=en-US");
  CHECK(f.header("http://www.example.com/") == "lang=en-US");  // Secure stays on https
  RequestContext script = f.at("https://www.example.com/");
  script.http_api = false;
  CHECK(f.jar.cookie_header_for(script) == "lang=en-US");  // HttpOnly hidden from scripts
}

TEST_CASE("RFC 6265 §3.1: Expires makes a persistent cookie; a past Expires deletes it") {
  Fixture f;
  auto stored =
      f.set("https://www.example.com/", "lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT");
  CHECK(stored.cookie.persistent());
  CHECK(f.header("https://www.example.com/") == "lang=en-US");
  stored = f.set("https://www.example.com/", "lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(stored.action == StoreAction::deleted);
  CHECK(f.header("https://www.example.com/").empty());
  CHECK(f.jar.size() == 0);
  CHECK(f.set("https://www.example.com/", "gone=1; Max-Age=0").action ==
        StoreAction::expired_ignored);
}

TEST_CASE("cookies expire with the clock") {
  Fixture f;
  f.set("https://example.com/", "short=1; Max-Age=60");
  f.set("https://example.com/", "long=1; Max-Age=3600");
  f.set("https://example.com/", "session=1");
  CHECK(f.header("https://example.com/") == "short=1; long=1; session=1");
  f.now += seconds{59};
  CHECK(f.header("https://example.com/") == "short=1; long=1; session=1");
  f.now += seconds{1};  // expiry is exclusive: at 60 s the cookie is gone
  CHECK(f.header("https://example.com/") == "long=1; session=1");
  f.now += hours{2};
  CHECK(f.header("https://example.com/") == "session=1");
  CHECK(f.jar.size() == 1);  // swept, not only hidden
}

TEST_CASE("latest value wins; the creation time and order are kept") {
  Fixture f;
  auto first = f.set("https://example.com/", "a=1");
  f.set("https://example.com/", "b=1");
  f.now += seconds{10};
  auto replaced = f.set("https://example.com/", "a=2; Max-Age=100");
  CHECK(replaced.action == StoreAction::replaced);
  CHECK(replaced.cookie.created == first.cookie.created);
  CHECK(f.header("https://example.com/") == "a=2; b=1");
  CHECK(f.jar.size() == 2);
}

TEST_CASE("the identity includes host-only and path: those are different cookies") {
  Fixture f;
  f.set("https://example.com/", "a=host");
  f.set("https://example.com/", "a=domain; Domain=example.com");
  f.set("https://example.com/", "a=docs; Path=/docs");
  CHECK(f.jar.size() == 3);
  CHECK(f.header("https://example.com/docs/x") == "a=docs; a=host; a=domain");
}

TEST_CASE("retrieval order: longer paths first, then older cookies first (§5.4 step 2)") {
  Fixture f;
  f.set("https://example.com/", "root=1; Path=/");
  f.now += seconds{1};
  f.set("https://example.com/", "deep=1; Path=/a/b");
  f.set("https://example.com/", "mid=1; Path=/a");
  f.now += seconds{1};
  f.set("https://example.com/", "root2=1; Path=/");
  auto cookies = f.jar.cookies_for(f.at("https://example.com/a/b/c"));
  REQUIRE(cookies.size() == 4);
  CHECK(cookies[0].name == "deep");
  CHECK(cookies[1].name == "mid");
  CHECK(cookies[2].name == "root");
  CHECK(cookies[3].name == "root2");
  CHECK(f.header("https://example.com/ab") == "root=1; root2=1");  // /a does not match /ab
}

TEST_CASE("a request with an empty path is a request for /") {
  Fixture f;
  f.set("https://example.com/", "a=1; Path=/");
  RequestContext request = f.at("https://example.com/");
  request.path = "";
  CHECK(f.jar.cookie_header_for(request) == "a=1");
}

TEST_CASE("cookies in the same second keep the order they were set in") {
  Fixture f;
  for (const char* name : {"z", "y", "x", "w"})
    f.set("https://example.com/", std::string(name) + "=1");
  CHECK(f.header("https://example.com/") == "z=1; y=1; x=1; w=1");
}

TEST_CASE("retrieval updates the last-access time but not the generation") {
  Fixture f;
  f.set("https://example.com/", "a=1");
  const auto generation = f.jar.generation();
  f.now += hours{1};
  auto cookies = f.jar.cookies_for(f.at("https://example.com/"));
  REQUIRE(cookies.size() == 1);
  CHECK(cookies[0].last_access == f.now);
  CHECK(f.jar.list()[0].last_access == f.now);
  CHECK(f.jar.generation() == generation);
}

TEST_CASE("Domain and public-suffix refusals reach the caller") {
  Fixture f;
  CHECK(f.refused("https://example.com/", "a=1; Domain=com") == errc::public_suffix);
  CHECK(f.refused("https://www.bbc.co.uk/", "a=1; Domain=co.uk") == errc::public_suffix);
  CHECK(f.refused("https://a.test.ck/", "a=1; Domain=test.ck") == errc::public_suffix);
  CHECK(f.set("https://www.ck/", "a=1; Domain=www.ck").cookie.host_only == false);
  CHECK(f.refused("https://example.com/", "a=1; Domain=example.org") == errc::domain_mismatch);
  CHECK(f.refused("https://example.com/", "a=b\nc") == errc::invalid_character);
}

TEST_CASE("http:// cannot set, overwrite, delete or shadow a Secure cookie (RFC 6265bis)") {
  Fixture f;
  CHECK(f.refused("http://example.com/", "id=1; Secure") == errc::secure_from_insecure);
  f.set("https://example.com/", "id=secret; Secure; Path=/");
  CHECK(f.refused("http://example.com/", "id=evil") == errc::would_shadow_secure);
  CHECK(f.refused("http://example.com/", "id=; Max-Age=0") == errc::would_shadow_secure);
  CHECK(f.refused("http://www.example.com/", "id=evil; Domain=example.com; Path=/app") ==
        errc::would_shadow_secure);
  CHECK(f.set("http://example.com/", "other=1").action == StoreAction::added);
  // https may replace it with a cookie that is not Secure.
  CHECK(f.set("https://example.com/", "id=plain; Path=/").action == StoreAction::replaced);
  CHECK(f.header("https://example.com/") == "id=plain; other=1");
}

TEST_CASE("HttpOnly cookies cannot be replaced from a non-HTTP API, and stay HttpOnly") {
  Fixture f;
  f.set("https://example.com/", "id=1; HttpOnly");
  RequestContext script = f.at("https://example.com/");
  script.http_api = false;
  auto stored = f.jar.store(script, "id=2");
  REQUIRE_FALSE(stored);
  CHECK(stored.error().code == errc::http_only_from_script);
  CHECK(f.jar.list()[0].http_only);
  CHECK(f.jar.list()[0].value == "1");
}

TEST_CASE("SameSite is stored and applied on cross-site requests") {
  Fixture f;
  f.set("https://example.com/", "strict=1; SameSite=Strict");
  f.set("https://example.com/", "lax=1; SameSite=Lax");
  f.set("https://example.com/", "none=1; SameSite=None; Secure");
  f.set("https://example.com/", "default=1");
  CHECK(f.jar.list("example.com")[3].same_site == SameSite::strict);  // sorted by name

  RequestContext request = f.at("https://example.com/");
  CHECK(f.jar.cookie_header_for(request) == "strict=1; lax=1; none=1; default=1");
  request.site = SiteContext::same_site;
  CHECK(f.jar.cookie_header_for(request) == "strict=1; lax=1; none=1; default=1");
  request.site = SiteContext::cross_site;  // an image or fetch from another site
  CHECK(f.jar.cookie_header_for(request) == "none=1");
  request.top_level_navigation = true;  // a link from another site
  CHECK(f.jar.cookie_header_for(request) == "lax=1; none=1; default=1");
  request.safe_method = false;  // a cross-site form POST
  CHECK(f.jar.cookie_header_for(request) == "none=1");
}

TEST_CASE("per-site limit: the least recently used cookie of that site goes") {
  Fixture f;
  for (std::size_t i = 0; i < kMaxCookiesPerSite; ++i) {
    f.set("https://a.example.com/", "c" + std::to_string(i) + "=1");
    f.now += seconds{1};
  }
  f.set("https://other.com/", "keep=1");  // another site: not counted against example.com
  f.now += seconds{1};
  f.set("https://a.example.com/", "c0=again");  // replaced: c0 is now recently used
  f.now += seconds{1};
  // A subdomain counts against the same site, example.com.
  f.set("https://b.example.com/", "new=1");
  CHECK(f.jar.size() == kMaxCookiesPerSite + 1);
  CHECK(f.jar.list("example.com").size() == kMaxCookiesPerSite);
  const auto names = f.jar.list("a.example.com");
  auto has = [&](const char* name) {
    return std::any_of(names.begin(), names.end(), [&](const Cookie& c) { return c.name == name; });
  };
  CHECK(has("c0"));
  CHECK_FALSE(has("c1"));
  CHECK(has("c2"));
  CHECK(f.header("https://other.com/") == "keep=1");
  CHECK(f.header("https://b.example.com/") == "new=1");
}

TEST_CASE("total limit: the jar never holds more than kMaxCookies") {
  Fixture f;
  for (std::size_t i = 0; i < kMaxCookies + 5; ++i) {
    f.set("https://site" + std::to_string(i) + ".com/", "c=1");
    f.now += seconds{1};
  }
  CHECK(f.jar.size() == kMaxCookies);
  CHECK(f.header("https://site0.com/").empty());  // the oldest went first
  CHECK(f.header("https://site4.com/").empty());
  CHECK(f.header("https://site5.com/") == "c=1");
  CHECK(f.header("https://site" + std::to_string(kMaxCookies + 4) + ".com/") == "c=1");
}

TEST_CASE("list filters by domain and subdomains, sorted") {
  Fixture f;
  f.set("https://www.example.com/", "b=1");
  f.set("https://example.com/", "a=1");
  f.set("https://other.org/", "c=1");
  f.set("https://notexample.com/", "d=1");
  auto all = f.jar.list();
  REQUIRE(all.size() == 4);
  CHECK(all[0].domain == "example.com");
  auto some = f.jar.list(".Example.COM");
  REQUIRE(some.size() == 2);
  CHECK(some[0].name == "a");
  CHECK(some[1].name == "b");
  CHECK(f.jar.list("nothing.test").empty());
}

TEST_CASE("add() validates like a Set-Cookie from https://<domain><path>") {
  Fixture f;
  CookieSpec spec{.name = "token", .value = "abc", .domain = ".Example.com", .path = "/api"};
  auto added = f.jar.add(spec);
  REQUIRE(added);
  CHECK(added.value().action == StoreAction::added);
  CHECK_FALSE(added.value().cookie.host_only);  // the leading dot asks for subdomains
  CHECK(added.value().cookie.domain == "example.com");
  CHECK(f.header("https://www.example.com/api/v1") == "token=abc");
  CHECK(f.header("https://www.example.com/").empty());

  spec = CookieSpec{.name = "host", .value = "1", .domain = "example.com"};
  spec.expires = f.now + days{3650};
  added = f.jar.add(spec);
  REQUIRE(added);
  CHECK(added.value().cookie.host_only);
  CHECK(added.value().cookie.expires == f.now + kMaxCookieAge);  // capped like a Set-Cookie

  auto refused = [&](CookieSpec bad) {
    auto result = f.jar.add(bad);
    REQUIRE_FALSE(result);
    CHECK(result.error().message.find("cannot add cookie") != std::string::npos);
    return result.error().code;
  };
  CHECK(refused({.name = "a", .value = "1", .domain = "com", .include_subdomains = true}) ==
        errc::public_suffix);
  CHECK(refused({.name = "a", .value = "1;2", .domain = "example.com"}) == errc::invalid_character);
  CHECK(refused({.name = "a", .value = "1", .domain = ""}) == errc::empty_domain);
  CHECK(refused({.name = "a", .value = "1", .domain = "ex ample.com"}) == errc::invalid_character);
  CHECK(refused({.name = "a", .value = "1", .domain = "\xC3\xA9.com"}) == errc::domain_not_ascii);
  CHECK(refused({.name = "a", .value = "1", .domain = "example.com", .path = "api"}) ==
        errc::bad_path);
  CHECK(refused({.name = "__Host-a", .value = "1", .domain = "example.com"}) ==
        errc::invalid_prefix);
  CHECK(
      refused({.name = "a", .value = "1", .domain = "example.com", .same_site = SameSite::none}) ==
      errc::same_site_none_insecure);
  CHECK(f.jar.add({.name = "__Host-a", .value = "1", .domain = "example.com", .secure = true}));
}

TEST_CASE("remove by domain, path and name; remove a domain; clear") {
  Fixture f;
  f.set("https://example.com/", "a=1");
  f.set("https://example.com/", "a=2; Domain=example.com");
  f.set("https://example.com/", "a=3; Path=/x");
  f.set("https://www.example.com/", "b=1");
  f.set("https://other.com/", "c=1");
  CHECK(f.jar.remove("example.com", "/", "a") == 2);  // host-only and domain cookie alike
  CHECK(f.jar.remove("example.com", "/", "a") == 0);
  CHECK(f.jar.size() == 3);
  CHECK(f.jar.remove_domain("EXAMPLE.com") == 2);  // and www.example.com
  CHECK(f.jar.size() == 1);
  const auto generation = f.jar.generation();
  f.jar.clear();
  CHECK(f.jar.size() == 0);
  CHECK(f.jar.generation() > generation);
}

TEST_CASE("import: expired skipped, bad refused, the rest replace by identity") {
  Fixture f;
  f.set("https://example.com/", "a=old");
  std::vector<Cookie> cookies(4);
  cookies[0] = Cookie{.name = "a", .value = "new", .domain = "Example.com", .path = "/"};
  cookies[1] = Cookie{.name = "b", .value = "1", .domain = ".example.com", .path = "/"};
  cookies[1].host_only = false;
  cookies[1].expires = f.now + days{1};
  cookies[2] = Cookie{.name = "c", .value = "1", .domain = "com", .path = "/"};
  cookies[2].host_only = false;
  cookies[3] = Cookie{.name = "d", .value = "1", .domain = "example.com", .path = "/"};
  cookies[3].expires = f.now - seconds{1};
  auto report = f.jar.import_cookies(cookies);
  CHECK(report.stored == 2);
  CHECK(report.expired == 1);
  REQUIRE(report.rejected.size() == 1);
  CHECK(report.rejected[0].reason == errc::public_suffix);
  CHECK(f.header("https://example.com/") == "a=new; b=1");
  CHECK(f.jar.size() == 2);
  auto listed = f.jar.list();
  CHECK(listed[0].created == f.now);  // imported without times: created now
}

TEST_CASE("persistent() is what cookies.json keeps; all() includes session cookies") {
  Fixture f;
  f.set("https://example.com/", "session=1");
  f.set("https://example.com/", "kept=1; Max-Age=100");
  CHECK(f.jar.all().size() == 2);
  auto persistent = f.jar.persistent();
  REQUIRE(persistent.size() == 1);
  CHECK(persistent[0].name == "kept");
}

TEST_CASE("the generation grows with every change") {
  Fixture f;
  auto generation = f.jar.generation();
  f.set("https://example.com/", "a=1");
  CHECK(f.jar.generation() > generation);
  generation = f.jar.generation();
  f.refused("https://example.com/", "a=1; Domain=com");
  CHECK(f.jar.generation() == generation);
  f.set("https://example.com/", "a=1; Max-Age=10");
  CHECK(f.jar.generation() > generation);
  generation = f.jar.generation();
  f.now += seconds{10};
  f.jar.cookies_for(f.at("https://example.com/"));  // sweeps the expired cookie
  CHECK(f.jar.generation() > generation);
}

TEST_CASE("attribute notes are passed on for the capture UI") {
  Fixture f;
  auto stored = f.set("https://example.com/", "a=1; Expires=never; Priority=High");
  REQUIRE(stored.notes.size() == 2);
  CHECK(stored.notes[0].reason == errc::bad_expires);
}

TEST_CASE("the jar can be shared between threads") {
  Fixture f;
  const RequestContext request = f.at("https://example.com/");
  // No Catch2 assertions inside the threads: Catch2 v2 is not thread-safe.
  auto writer = [&](int id) {
    for (int i = 0; i < 200; ++i) {
      (void)f.jar.store(request, "t" + std::to_string(id) + "=" + std::to_string(i));
      (void)f.jar.cookie_header_for(request);
    }
  };
  std::thread a(writer, 1), b(writer, 2);
  a.join();
  b.join();
  const auto cookies = f.jar.list();
  REQUIRE(cookies.size() == 2);
  CHECK(cookies[0].value == "199");
  CHECK(cookies[1].value == "199");
}
