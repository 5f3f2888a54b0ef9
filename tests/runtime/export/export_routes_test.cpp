// GET /v1/sessions/{id}/export over a real store in a temporary folder, through the router.
#include "runtime/export/export_routes.hpp"

#include <catch2/catch.hpp>

#include "export_fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::exports;
using namespace postern::exports::testing;
using nlohmann::json;

namespace {

// A store with one session holding `exchanges`.
class StoreWithSession {
 public:
  explicit StoreWithSession(std::vector<store::Exchange> exchanges) {
    auto opened = store::CaptureStore::open(dir_ / "capture.db");
    REQUIRE(opened);
    store_ = std::move(opened).value();
    auto session = store_->create_session({"shop API", store::SessionSource::proxy, "{}"});
    REQUIRE(session);
    id_ = session.value().id;
    for (auto& exchange : exchanges) {
      exchange.session_id = id_;
      REQUIRE(store_->enqueue(std::move(exchange)));
    }
    REQUIRE(store_->flush());
    add_export_routes(router_, *store_);
  }
  std::int64_t id() const { return id_; }
  store::CaptureStore& store() { return *store_; }
  control::ApiResponse get(const std::string& target) const {
    return router_.handle(control::ApiRequest{"GET", target, "", "", "", ""});
  }
  control::ApiResponse get_export(const std::string& query) const {
    return get("/v1/sessions/" + std::to_string(id_) + "/export" + query);
  }

 private:
  postern::testing::TempDir dir_;
  std::unique_ptr<store::CaptureStore> store_;
  std::int64_t id_ = 0;
  control::ApiRouter router_;
};

std::string header_value(const control::ApiResponse& response, const std::string& name) {
  for (const auto& [key, value] : response.headers)
    if (key == name) return value;
  return {};
}

std::string error_code(const control::ApiResponse& response) {
  return json::parse(response.body)["error"]["code"];
}

}  // namespace

TEST_CASE("format=har gives the session's HAR log", "[export][routes]") {
  StoreWithSession fixture(sample_exchanges(kOrigin));
  const auto response = fixture.get_export("?format=har");
  REQUIRE(response.status == 200);
  CHECK(response.content_type == "application/json");
  CHECK(header_value(response, "Content-Disposition") ==
        "attachment; filename=\"postern-session-" + std::to_string(fixture.id()) + ".har\"");
  const auto log = json::parse(response.body)["log"];
  CHECK(log["pages"][0]["title"] == "shop API");
  REQUIRE(log["entries"].size() == 5);
  CHECK(log["entries"][0]["request"]["url"] == kOrigin + "/items?q=a%20b&page=2");
  CHECK(log["entries"][3]["response"]["content"]["encoding"] == "base64");
  CHECK(log["entries"][4]["response"]["status"] == 0);
  // Without a format, HAR too.
  CHECK(json::parse(fixture.get_export("").body).contains("log"));
}

TEST_CASE("format=collection with group_by gives folders", "[export][routes]") {
  StoreWithSession fixture(sample_exchanges(kOrigin));
  const auto response = fixture.get_export("?format=collection&group_by=domain,endpoint");
  REQUIRE(response.status == 200);
  CHECK(header_value(response, "Content-Disposition").ends_with(".postman_collection.json\""));
  const auto collection = json::parse(response.body);
  REQUIRE(collection["item"].size() == 1);
  CHECK(collection["item"][0]["name"] == "127.0.0.1:8080");
  CHECK(collection["item"][0]["item"][0]["name"] == "/items");
  CHECK(json::parse(fixture.get_export("?format=collection").body)["item"].size() == 5);
}

TEST_CASE("bad formats, groupings and ids are refused", "[export][routes]") {
  StoreWithSession fixture({});
  auto bad_format = fixture.get_export("?format=pdf");
  CHECK(bad_format.status == 400);
  CHECK(error_code(bad_format) == "BAD_FIELD");
  auto bad_group = fixture.get_export("?format=collection&group_by=host");
  CHECK(bad_group.status == 400);
  CHECK(json::parse(bad_group.body)["error"]["message"] == "group_by: unknown grouping \"host\"");
  CHECK(fixture.get("/v1/sessions/999/export").status == 404);
  CHECK(error_code(fixture.get("/v1/sessions/x1/export")) == "NOT_FOUND");
  CHECK(fixture.get("/v1/sessions/-1/export").status == 404);
  const auto empty = fixture.get_export("?format=har");
  CHECK(json::parse(empty.body)["log"]["entries"] == json::array());
}

TEST_CASE("a session larger than one store page is exported whole, in order", "[export][routes]") {
  std::vector<store::Exchange> many;
  for (int i = 0; i < 1003; ++i)
    many.push_back(prepared(exchange_at(i, "GET", kOrigin, "/n/" + std::to_string(i))));
  StoreWithSession fixture(std::move(many));
  auto exchanges = session_exchanges(fixture.store(), fixture.id());
  REQUIRE(exchanges);
  REQUIRE(exchanges.value().size() == 1003);
  CHECK(exchanges.value()[1002].path == "/n/1002");
  CHECK(exchanges.value()[0].response_headers.size() == 0);
  const auto entries = json::parse(fixture.get_export("?format=har").body)["log"]["entries"];
  REQUIRE(entries.size() == 1003);
  CHECK(entries[1000]["request"]["url"] == kOrigin + "/n/1000");
}
