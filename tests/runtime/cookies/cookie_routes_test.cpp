// The cookie routes through ApiRouter::handle, on a jar with a fixed clock in a temporary folder
// and, for to-jar, a real capture store.
#include "runtime/cookies/cookie_routes.hpp"

#include <catch2/catch.hpp>

#include "base/files.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::cookies;
using namespace std::chrono;
using nlohmann::json;

namespace {

const PublicSuffixList& suffixes() {
  static const PublicSuffixList list = PublicSuffixList::parse("com\norg\nio\n");
  return list;
}

Time june() {
  return Time{sys_days{year{2030} / 6 / 1}};
}

struct Fixture {
  postern::testing::TempDir dir;
  std::unique_ptr<CookieJarService> jar = open_jar(dir / "cookies.json");
  control::ApiRouter router = routes(*jar);

  static std::unique_ptr<CookieJarService> open_jar(const std::filesystem::path& file) {
    auto opened = CookieJarService::open(file, june, suffixes());
    REQUIRE(opened);
    return std::move(opened).value();
  }
  static control::ApiRouter routes(CookieJarService& jar) {
    control::ApiRouter router;
    add_cookie_routes(router, jar);
    return router;
  }
  control::ApiResponse call(const std::string& method, const std::string& target,
                            const std::string& body = "") const {
    return router.handle(control::ApiRequest{method, target, "", "", "", body});
  }
  control::ApiResponse add(const std::string& url, const std::string& line) const {
    return call("POST", "/v1/cookies", json{{"url", url}, {"set_cookie", line}}.dump());
  }
  json listed(const std::string& query = "") const {
    const auto response = call("GET", "/v1/cookies" + query);
    REQUIRE(response.status == 200);
    return json::parse(response.body)["cookies"];
  }
};

std::string error_code(const control::ApiResponse& response) {
  return json::parse(response.body)["error"]["code"];
}

}  // namespace

TEST_CASE("a cookie's JSON", "[cookies][routes]") {
  Cookie cookie;
  cookie.name = "sid";
  cookie.value = "abc";
  cookie.domain = "example.com";
  cookie.host_only = false;
  cookie.secure = true;
  cookie.same_site = SameSite::lax;
  cookie.created = june();
  cookie.expires = june() + hours(1);
  CHECK(cookie_json(cookie) == json::parse(R"({"name":"sid","value":"abc",
    "domain":"example.com","path":"/","host_only":false,"secure":true,"http_only":false,
    "same_site":"lax","expires":"2030-06-01T01:00:00.000Z","created_at":"2030-06-01T00:00:00.000Z"})"));
  cookie.expires.reset();
  CHECK(cookie_json(cookie)["expires"].is_null());
}

TEST_CASE("POST /v1/cookies stores a Set-Cookie as the URL's server would set it",
          "[cookies][routes]") {
  Fixture f;
  const auto added =
      f.add("https://shop.example.com/cart/x", "sid=abc; Domain=example.com; Secure; Max-Age=3600");
  REQUIRE(added.status == 201);
  const auto cookie = json::parse(added.body);
  CHECK(cookie["domain"] == "example.com");
  CHECK(cookie["host_only"] == false);
  CHECK(cookie["path"] == "/cart");  // the default path of /cart/x (RFC 6265 §5.1.4)
  CHECK(cookie["expires"] == "2030-06-01T01:00:00.000Z");
  CHECK(f.listed().size() == 1);
  // Saved at once: a new service on the same file sees it.
  CHECK(Fixture::open_jar(f.dir / "cookies.json")->jar().size() == 1);
}

TEST_CASE("POST /v1/cookies refuses what a browser refuses, naming the field",
          "[cookies][routes]") {
  Fixture f;
  auto refused = f.add("http://example.com/", "sid=1; Secure");
  CHECK(refused.status == 400);
  CHECK(error_code(refused) == "BAD_FIELD");
  CHECK(json::parse(refused.body)["error"]["message"].get<std::string>().starts_with(
      "set_cookie: a Secure cookie cannot be set by a response that is not secure"));
  CHECK(f.add("https://example.com/", "a=1; Domain=com").status == 400);
  CHECK(json::parse(f.add("not a url", "a=1").body)["error"]["message"]
            .get<std::string>()
            .starts_with("url: "));
  CHECK(error_code(f.call("POST", "/v1/cookies", "{\"url\": 1}")) == "BAD_FIELD");
  CHECK(error_code(f.call("POST", "/v1/cookies", "[1,2")) == "BAD_JSON");
  CHECK(f.listed().empty());
}

TEST_CASE("a Set-Cookie with a past expiry deletes the cookie", "[cookies][routes]") {
  Fixture f;
  REQUIRE(f.add("https://example.com/", "sid=1; Max-Age=60").status == 201);
  const auto deleted = f.add("https://example.com/", "sid=; Max-Age=0");
  CHECK(deleted.status == 200);
  CHECK(json::parse(deleted.body)["removed"] == 1);
  CHECK(f.listed().empty());
}

TEST_CASE("GET /v1/cookies?domain lists that domain and below", "[cookies][routes]") {
  Fixture f;
  REQUIRE(f.add("https://a.example.com/", "x=1").status == 201);
  REQUIRE(f.add("https://example.org/", "y=2").status == 201);
  CHECK(f.listed().size() == 2);
  const auto only = f.listed("?domain=example.com");
  REQUIRE(only.size() == 1);
  CHECK(only[0]["name"] == "x");
}

TEST_CASE("DELETE /v1/cookies: by domain, narrowed by path and name, or the whole jar",
          "[cookies][routes]") {
  Fixture f;
  for (const char* line : {"a=1; Max-Age=60", "b=2; Max-Age=60", "a=3; Path=/docs"})
    REQUIRE(f.add("https://example.com/", line).status == 201);
  REQUIRE(f.add("https://www.example.com/", "a=4").status == 201);
  REQUIRE(f.add("https://example.org/", "d=5").status == 201);
  const auto removed = [&f](const std::string& query) {
    const auto response = f.call("DELETE", "/v1/cookies" + query);
    REQUIRE(response.status == 200);
    return json::parse(response.body)["removed"].get<int>();
  };
  CHECK(removed("?domain=example.com&path=/&name=a") == 2);  // example.com and www's "a" at /
  CHECK(removed("?domain=example.com&name=a") == 1);         // the one at /docs
  CHECK(error_code(f.call("DELETE", "/v1/cookies?name=b&path=/")) == "BAD_FIELD");
  CHECK(removed("?domain=example.com&path=/nowhere") == 0);
  CHECK(removed("?domain=example.com") == 1);  // b
  CHECK(removed("") == 1);                     // d: the jar is empty now
  CHECK(f.listed().empty());
  CHECK(Fixture::open_jar(f.dir / "cookies.json")->jar().size() == 0);
}

TEST_CASE("cookies.txt out and in", "[cookies][routes]") {
  Fixture f;
  REQUIRE(
      f.add("https://example.com/", "sid=abc; Domain=example.com; Max-Age=3600; HttpOnly").status ==
      201);
  const auto exported = f.call("GET", "/v1/cookies/export?format=netscape");
  REQUIRE(exported.status == 200);
  CHECK(exported.content_type == "text/plain; charset=utf-8");
  CHECK(exported.body.find("#HttpOnly_.example.com\tTRUE\t/\tFALSE\t") != std::string::npos);
  CHECK(error_code(f.call("GET", "/v1/cookies/export?format=json")) == "BAD_FIELD");

  const std::string text =
      "# Netscape HTTP Cookie File\n"
      "example.org\tFALSE\t/\tTRUE\t1999999999\tlang\ten\n"  // 2033: still valid in 2030
      "example.org\tFALSE\t/\tFALSE\t1000\told\tgone\n"      // expired in 1970
      "only three\tfields\n"
      ".com\tTRUE\t/\tFALSE\t0\twide\tno\n";  // a public suffix
  const auto imported = f.call("POST", "/v1/cookies/import?format=netscape", text);
  REQUIRE(imported.status == 200);
  const auto report = json::parse(imported.body);
  CHECK(report["imported"] == 1);
  CHECK(report["expired"] == 1);
  REQUIRE(report["refused"].size() == 2);
  CHECK(report["refused"][0]["line"] == 4);
  CHECK(report["refused"][1]["domain"] == "com");
  CHECK(f.listed("?domain=example.org").size() == 1);
}

TEST_CASE("routes that change the jar say so when cookies.json cannot be written",
          "[cookies][routes]") {
  Fixture f;
  // The jar's file becomes a folder: the save fails after the change.
  std::filesystem::create_directories(f.dir / "cookies.json" / "x");
  const auto added = f.add("https://example.com/", "sid=1; Max-Age=60");
  CHECK(added.status == 500);
  CHECK(error_code(added) == "JAR_NOT_SAVED");
}

namespace {

// A capture store with one session of three exchanges that set cookies, and the to-jar route.
struct CapturedSession : Fixture {
  std::unique_ptr<store::CaptureStore> store = open_store(dir / "capture.db");
  std::int64_t session = 0;
  std::vector<std::int64_t> exchanges;

  CapturedSession() {
    add_session_cookie_routes(router, *jar, *store);
    auto created = store->create_session({"s", store::SessionSource::proxy, "{}"});
    REQUIRE(created);
    session = created.value().id;
    capture(0, "https://shop.example.com/login",
            {"sid=1; Path=/; Max-Age=3600", "bad=1; Domain=other.org"});
    capture(1, "http://shop.example.com/x", {"tok=2; Secure"});
    capture(2, "https://shop.example.com/logout", {"sid=; Path=/; Max-Age=0"});
    REQUIRE(store->flush());
    auto page = store->exchanges({session, "", false, false, 1, 50});
    REQUIRE(page);
    for (const auto& summary : page.value().items)
      exchanges.push_back(summary.id);
  }
  static std::unique_ptr<store::CaptureStore> open_store(const std::filesystem::path& file) {
    auto opened = store::CaptureStore::open(file);
    REQUIRE(opened);
    return std::move(opened).value();
  }
  void capture(int n, const std::string& url, const std::vector<std::string>& set_cookies) {
    store::Exchange e;
    e.session_id = session;
    e.started_at = store::Timestamp(milliseconds(1700000000000 + n));
    e.ended_at = e.started_at;
    e.method = "GET";
    e.url = url;
    e.request_headers = {{"Cookie", "sent=by-client"}};
    e.status = 200;
    for (const auto& line : set_cookies)
      e.response_headers.push_back({"Set-Cookie", line});
    REQUIRE(store->enqueue(std::move(e)));
  }
  json to_jar(const std::string& body = "", int status = 200) {
    const auto response =
        call("POST", "/v1/sessions/" + std::to_string(session) + "/cookies/to-jar", body);
    REQUIRE(response.status == status);
    return json::parse(response.body);
  }
};

}  // namespace

TEST_CASE("to-jar replays a session's Set-Cookie lines in order, as their servers set them",
          "[cookies][routes][to-jar]") {
  CapturedSession f;
  const auto report = f.to_jar();
  CHECK(report["added"] == 1);    // sid
  CHECK(report["removed"] == 1);  // sid again, by the logout's expired line
  REQUIRE(report["refused"].size() == 2);
  CHECK(report["refused"][0] ==
        json({{"line", "bad=1; Domain=other.org"},
              {"reason", "the Domain attribute does not cover the host that set the cookie"}}));
  CHECK(report["refused"][1]["line"] == "tok=2; Secure");  // from http://
  CHECK(f.listed().empty());  // the request's Cookie line was not taken
}

TEST_CASE("to-jar takes only the exchanges named", "[cookies][routes][to-jar]") {
  CapturedSession f;
  const auto report = f.to_jar(json{{"exchange_ids", {f.exchanges[0]}}}.dump());
  CHECK(report["added"] == 1);
  CHECK(report["refused"].size() == 1);
  const auto cookies = f.listed();
  REQUIRE(cookies.size() == 1);
  CHECK(cookies[0]["name"] == "sid");
  CHECK(cookies[0]["domain"] == "shop.example.com");
  CHECK(cookies[0]["host_only"] == true);
  CHECK(Fixture::open_jar(f.dir / "cookies.json")->jar().size() == 1);
}

TEST_CASE("to-jar refuses unknown sessions and bad lists", "[cookies][routes][to-jar]") {
  CapturedSession f;
  CHECK(f.call("POST", "/v1/sessions/999/cookies/to-jar").status == 404);
  CHECK(f.call("POST", "/v1/sessions/abc/cookies/to-jar").status == 404);
  CHECK(f.to_jar(R"({"exchange_ids": "all"})", 400)["error"]["code"] == "BAD_FIELD");
  CHECK(f.to_jar(R"({"exchange_ids": []})", 400)["error"]["code"] == "BAD_FIELD");
  CHECK(f.to_jar(R"({"exchange_ids": [999]})")["added"] == 0);
}

TEST_CASE("GET /v1/cookies/header gives the Cookie header for a URL", "[cookies][routes]") {
  Fixture f;
  REQUIRE(f.add("https://api.example.com/v1/login", "a=1; Path=/").status == 201);
  REQUIRE(f.add("https://api.example.com/v1/login", "b=2; Secure").status == 201);
  auto header = [&](const std::string& url) {
    const auto response = f.call("GET", "/v1/cookies/header?url=" + url);
    REQUIRE(response.status == 200);
    return json::parse(response.body)["cookie"].get<std::string>();
  };
  CHECK(header("https://api.example.com/v1/x") == "b=2; a=1");
  CHECK(header("http://api.example.com/v1/x") == "a=1");
  CHECK(header("https://other.example.com/").empty());
  CHECK(error_code(f.call("GET", "/v1/cookies/header")) == "BAD_FIELD");
  CHECK(error_code(f.call("GET", "/v1/cookies/header?url=nourl")) == "BAD_FIELD");
}
