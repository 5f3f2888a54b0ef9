// The runtime's services over real files in a temporary data folder: a session that names a
// collection writes it on stop, events reach a listener, cookies persist, a corrupt cookie file
// is refused and kept, and the routes of every service are served by one router.
#include "runtime/daemon/runtime_services.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "../capture/capture_fixtures.hpp"
#include "support/file_text.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::daemon;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::unique_ptr<RuntimeServices> open_services(const fs::path& data) {
  auto opened = RuntimeServices::open(data, nullptr);
  REQUIRE(opened);
  return std::move(opened).value();
}

control::ApiResponse call(const control::ApiRouter& router, std::string method, std::string target,
                          std::string body = "") {
  control::ApiRequest request;
  request.method = std::move(method);
  request.target = std::move(target);
  request.body = std::move(body);
  return router.handle(request);
}

// One complete exchange to `url` through the capture hooks, as the proxy reports it.
void exchange(capture::CaptureService& service, const std::string& url) {
  capture::testing::Request request("GET", url);
  auto recorder = service.exchange_started(request.start());
  REQUIRE(recorder);
  recorder->response_head(capture::testing::Response().head());
  recorder->response_body("{\"ok\":true}");
  recorder->finished(capture::testing::ended(0, 11));
}

}  // namespace

TEST_CASE("a session that names a collection is saved there, in folders, when it stops") {
  postern::testing::TempDir dir;
  auto services = open_services(dir / "data");
  control::ApiRouter router;
  services->add_routes(router);
  const fs::path target = dir / "out" / "shop.postman_collection.json";
  const json options = {{"collection", {{"path", target.string()}, {"group_by", {"domain"}}}}};
  REQUIRE(
      call(router, "POST", "/v1/capture/start", json{{"name", "shop"}, {"options", options}}.dump())
          .status == 201);
  exchange(*services->capture(), "https://api.example.com/items?id=1");
  exchange(*services->capture(), "https://cdn.example.net/app.json");
  REQUIRE(call(router, "POST", "/v1/capture/stop").status == 200);

  REQUIRE(fs::exists(target));
  CHECK((fs::status(target).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  const json collection = json::parse(postern::testing::file_text(target));
  CHECK(collection["info"]["name"] == "shop");
  REQUIRE(collection["item"].size() == 2);  // one folder per host
  CHECK(collection["item"][0]["name"] == "api.example.com");
  CHECK(collection["item"][1]["name"] == "cdn.example.net");
  CHECK(collection["item"][0]["item"][0]["request"]["method"] == "GET");
}

TEST_CASE("session and exchange events reach a listener of the hub") {
  postern::testing::TempDir dir;
  auto services = open_services(dir / "data");
  control::ApiRouter router;
  services->add_routes(router);
  auto listener = services->events().subscribe();
  REQUIRE(call(router, "POST", "/v1/capture/start", "{}").status == 201);
  exchange(*services->capture(), "https://api.example.com/a");
  std::vector<std::string> names;
  for (const auto& event : listener->take())
    names.push_back(event.name);
  CHECK(names == std::vector<std::string>{"session", "exchange"});
}

TEST_CASE("cookies added through the API are in cookies.json for the next start") {
  postern::testing::TempDir dir;
  {
    auto services = open_services(dir / "data");
    control::ApiRouter router;
    services->add_routes(router);
    const json cookie = {{"url", "https://api.example.com/"},
                         {"set_cookie", "sid=abc; Path=/; Max-Age=3600"}};
    REQUIRE(call(router, "POST", "/v1/cookies", cookie.dump()).status == 201);
  }
  auto reopened = open_services(dir / "data");
  control::ApiRouter router;
  reopened->add_routes(router);
  const json listed = json::parse(call(router, "GET", "/v1/cookies").body);
  REQUIRE(listed["cookies"].size() == 1);
  CHECK(listed["cookies"][0]["name"] == "sid");
}

TEST_CASE("a corrupt cookies.json stops the open, names the file and is left as it was") {
  postern::testing::TempDir dir;
  fs::create_directories(dir / "data");
  std::ofstream(dir / "data" / "cookies.json") << "{ not json";
  auto opened = RuntimeServices::open(dir / "data", nullptr);
  REQUIRE_FALSE(opened);
  CHECK_THAT(opened.error().message, Catch::Contains("cookies.json"));
  CHECK(postern::testing::file_text(dir / "data" / "cookies.json") == "{ not json");
}

TEST_CASE("the data folder is created owner-only") {
  postern::testing::TempDir dir;
  auto services = open_services(dir / "fresh");
  CHECK((fs::status(dir / "fresh").permissions() & fs::perms::all) == fs::perms::owner_all);
  CHECK(fs::exists(dir / "fresh" / "capture.db"));
}
