#include "runtime/capture/session_routes.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "capture_fixtures.hpp"

using namespace postern::capture;
using namespace postern::capture::testing;
using postern::control::ApiRequest;
using postern::control::ApiResponse;
using postern::control::ApiRouter;
using json = nlohmann::json;

namespace {

struct RouteFixture : RoutesFixture<add_session_routes> {
  // A session with `urls` captured (a Cookie header on each), stopped unless `keep_running`.
  std::int64_t session_with(const std::vector<std::string>& urls, bool capture_cookies = false,
                            bool keep_running = false) {
    CaptureOptions options;
    options.capture_cookies = capture_cookies;
    const auto id = service.start("s", options).value().id;
    for (const auto& url : urls) {
      Request request("GET", url);
      request.headers.add("Cookie", "sid=1");
      auto recorder = service.exchange_started(request.start());
      REQUIRE(recorder);
      Response response("application/json", url.find("missing") != url.npos ? 404 : 200);
      response.headers.add("Set-Cookie", "theme=dark; Path=/");
      recorder->response_head(response.head());
      recorder->response_body("{\"ok\":true}");
      recorder->finished(ended(0, 11));
    }
    REQUIRE(store->flush());
    if (!keep_running) REQUIRE(service.stop());
    return id;
  }
  std::string path(std::int64_t id, const std::string& rest = "") {
    return "/v1/sessions/" + std::to_string(id) + rest;
  }
};

}  // namespace

TEST_CASE("GET /v1/sessions lists the history newest first", "[session_routes]") {
  RouteFixture f;
  CHECK(f.body_of(f.call("GET", "/v1/sessions")) == json::parse(R"({"sessions":[]})"));
  const auto first = f.session_with({"https://a/1"});
  const auto second = f.session_with({}, false, true);
  const auto list = f.body_of(f.call("GET", "/v1/sessions"))["sessions"];
  REQUIRE(list.size() == 2);
  CHECK(list[0]["id"] == second);
  CHECK(list[0]["state"] == "running");
  CHECK(list[1]["id"] == first);
  CHECK(list[1]["exchange_count"] == 1);
  CHECK(list[1]["total_bytes"].get<int>() > 0);
}

TEST_CASE("GET and PATCH /v1/sessions/{id}", "[session_routes]") {
  RouteFixture f;
  const auto id = f.session_with({"https://a/1"});
  auto got = f.call("GET", f.path(id));
  REQUIRE(got.status == 200);
  CHECK(f.body_of(got)["id"] == id);
  CHECK(f.body_of(got)["state"] == "stopped");
  CHECK(f.code_of(f.call("GET", f.path(id + 9))) == "NOT_FOUND");
  CHECK(f.call("GET", "/v1/sessions/abc").status == 404);

  auto renamed = f.call("PATCH", f.path(id), R"({"name":"Checkout"})");
  REQUIRE(renamed.status == 200);
  CHECK(f.body_of(renamed)["name"] == "Checkout");
  CHECK(f.body_of(f.call("GET", f.path(id)))["name"] == "Checkout");
  CHECK(f.code_of(f.call("PATCH", f.path(id), R"({"name":""})")) == "BAD_FIELD");
  CHECK(f.code_of(f.call("PATCH", f.path(id), R"({"title":"x"})")) == "BAD_FIELD");
  CHECK(f.code_of(f.call("PATCH", f.path(id), json{{"name", std::string(2000, 'n')}}.dump())) ==
        "BAD_FIELD");
  CHECK(f.code_of(f.call("PATCH", f.path(id), "name=x")) == "BAD_JSON");
  CHECK(f.code_of(f.call("PATCH", f.path(id + 9), R"({"name":"x"})")) == "NOT_FOUND");
}

TEST_CASE("DELETE /v1/sessions/{id}: 204, but 409 for the active session", "[session_routes]") {
  RouteFixture f;
  const auto id = f.session_with({"https://a/1"}, false, true);
  auto refused = f.call("DELETE", f.path(id));
  CHECK(refused.status == 409);
  CHECK(f.code_of(refused) == "SESSION_ACTIVE");
  REQUIRE(f.service.stop());
  auto deleted = f.call("DELETE", f.path(id));
  CHECK(deleted.status == 204);
  CHECK(deleted.body.empty());
  CHECK(f.call("GET", f.path(id)).status == 404);
  CHECK(f.code_of(f.call("DELETE", f.path(id))) == "NOT_FOUND");
}

TEST_CASE("GET /v1/sessions/{id}/exchanges pages and searches", "[session_routes]") {
  RouteFixture f;
  const auto id =
      f.session_with({"https://a.example/1", "https://b.example/2", "https://a.example/3"});
  const auto all = f.body_of(f.call("GET", f.path(id, "/exchanges")));
  CHECK(all["total"] == 3);
  CHECK(all["page"] == 1);
  CHECK(all["per_page"] == 50);
  REQUIRE(all["items"].size() == 3);
  CHECK(all["items"][0]["url"] == "https://a.example/1");
  CHECK(all["items"][0]["status"] == 200);
  CHECK(all["items"][0]["id"].is_number_integer());

  const auto page = f.body_of(f.call("GET", f.path(id, "/exchanges?page=2&per_page=2")));
  CHECK(page["total"] == 3);
  REQUIRE(page["items"].size() == 1);
  CHECK(page["items"][0]["url"] == "https://a.example/3");

  const auto found = f.body_of(f.call("GET", f.path(id, "/exchanges?search=A.EXAMPLE")));
  CHECK(found["total"] == 2);

  for (const std::string bad : {"per_page=0", "per_page=1001", "page=0", "page=x"}) {
    INFO(bad);
    auto refused = f.call("GET", f.path(id, "/exchanges?" + bad));
    CHECK(refused.status == 400);
    CHECK(f.code_of(refused) == "BAD_FIELD");
  }
  CHECK(f.code_of(f.call("GET", f.path(id + 9, "/exchanges"))) == "NOT_FOUND");
}

TEST_CASE("GET /v1/sessions/{id}/overview counts the session's traffic", "[session_routes]") {
  RouteFixture f;
  const auto id = f.session_with({"https://a/1", "https://a/missing", "https://b/2"});
  const auto overview = f.body_of(f.call("GET", f.path(id, "/overview")));
  CHECK(overview["total"] == 3);
  CHECK(overview["by_method"] == json::parse(R"([{"key":"GET","count":3}])"));
  CHECK(overview["by_domain"][0] == json::parse(R"({"key":"a","count":2})"));
  CHECK(overview["by_status_class"][0] == json::parse(R"({"key":"2xx","count":2})"));
  CHECK(overview["by_status"].size() == 2);
  CHECK(overview["by_data_mode"][0]["key"] == "none");
  CHECK(f.code_of(f.call("GET", f.path(id + 9, "/overview"))) == "NOT_FOUND");
}

TEST_CASE("GET /v1/sessions/{id}/cookies lists cookie lines when they were captured",
          "[session_routes]") {
  RouteFixture f;
  const auto with = f.session_with({"https://a/1"}, true);
  const auto cookies = f.body_of(f.call("GET", f.path(with, "/cookies")))["cookies"];
  REQUIRE(cookies.size() == 2);
  CHECK(cookies[0]["direction"] == "request");
  CHECK(cookies[0]["header_value"] == "sid=1");
  CHECK(cookies[0]["host"] == "a");
  CHECK(cookies[1]["direction"] == "response");
  CHECK(cookies[1]["header_value"] == "theme=dark; Path=/");
  CHECK(cookies[1]["seen_at"].get<std::string>().ends_with("Z"));

  const auto without = f.session_with({"https://a/1"}, false);
  CHECK(f.body_of(f.call("GET", f.path(without, "/cookies"))) == json::parse(R"({"cookies":[]})"));
  CHECK(f.code_of(f.call("GET", f.path(without + 9, "/cookies"))) == "NOT_FOUND");
}

TEST_CASE("GET and DELETE /v1/exchanges/{id}", "[session_routes]") {
  RouteFixture f;
  const auto id = f.session_with({"https://a/1?x=2"});
  const auto items = f.body_of(f.call("GET", f.path(id, "/exchanges")))["items"];
  const auto exchange_id = items[0]["id"].get<std::int64_t>();
  const auto target = "/v1/exchanges/" + std::to_string(exchange_id);
  auto got = f.call("GET", target);
  REQUIRE(got.status == 200);
  const auto e = f.body_of(got);
  CHECK(e["id"] == exchange_id);
  CHECK(e["session_id"] == id);
  CHECK(e["url"] == "https://a/1?x=2");
  CHECK(e["query"] == "x=2");
  CHECK(e["response_body"]["text"] == "{\"ok\":true}");
  CHECK(e["response_body"]["size"] == 11);
  CHECK(e["request_headers"][1] == json::parse(R"({"name":"Cookie","value":"sid=1"})"));
  CHECK(e["server_ip"] == "192.0.2.7");

  CHECK(f.call("DELETE", target).status == 204);
  CHECK(f.code_of(f.call("GET", target)) == "NOT_FOUND");
  CHECK(f.code_of(f.call("DELETE", target)) == "NOT_FOUND");
  CHECK(f.call("GET", "/v1/exchanges/0").status == 404);
  CHECK(f.body_of(f.call("GET", f.path(id)))["exchange_count"] == 0);
}
