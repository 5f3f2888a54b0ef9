#include "runtime/export/collection_export.hpp"

#include <regex>

#include <catch2/catch.hpp>

#include "export_fixtures.hpp"

using namespace postern;
using namespace postern::exports;
using namespace postern::exports::testing;
using nlohmann::json;

namespace {

// Two hosts; /items twice on the first (GET and POST) with /login between them.
std::vector<store::Exchange> two_hosts() {
  const std::string a = "http://127.0.0.1:8080";
  const std::string b = "https://auth.example.com";
  return {get_with_query(a), prepared(exchange_at(1, "POST", b, "/token")), post_form(a),
          post_json(a), prepared(exchange_at(4, "GET", b, "/keys"))};
}

std::vector<std::string> names(const json& items) {
  std::vector<std::string> out;
  for (const auto& item : items)
    out.push_back(item["name"]);
  return out;
}

}  // namespace

TEST_CASE("a v2.1 collection named after the session, with a fresh UUID", "[export][collection]") {
  const auto collection = collection_document(sample_session(), two_hosts(), GroupBy{});
  const auto& info = collection["info"];
  CHECK(info["schema"] == "https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
  CHECK(info["name"] == "shop API");
  CHECK(info["description"].get<std::string>().find("5 requests") != std::string::npos);
  const std::regex uuid_v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  CHECK(std::regex_match(info["_postman_id"].get<std::string>(), uuid_v4));
  CHECK(random_uuid_v4() != random_uuid_v4());
}

TEST_CASE("no grouping: a flat list in capture order, named by method and URL",
          "[export][collection]") {
  const auto items = collection_document(sample_session(), two_hosts(), GroupBy{})["item"];
  CHECK(names(items) == std::vector<std::string>{"GET http://127.0.0.1:8080/items?q=a%20b&page=2",
                                                 "POST https://auth.example.com/token",
                                                 "POST http://127.0.0.1:8080/login",
                                                 "POST http://127.0.0.1:8080/items",
                                                 "GET https://auth.example.com/keys"});
}

TEST_CASE("by domain: a folder per host, in first-seen order", "[export][collection]") {
  const auto folders =
      collection_document(sample_session(), two_hosts(), GroupBy{true, false})["item"];
  CHECK(names(folders) == std::vector<std::string>{"127.0.0.1:8080", "auth.example.com"});
  CHECK(names(folders[0]["item"]) ==
        std::vector<std::string>{"GET /items?q=a%20b&page=2", "POST /login", "POST /items"});
  CHECK(names(folders[1]["item"]) == std::vector<std::string>{"POST /token", "GET /keys"});
}

TEST_CASE("by endpoint: a folder per path holding every method on it", "[export][collection]") {
  const auto folders =
      collection_document(sample_session(), two_hosts(), GroupBy{false, true})["item"];
  CHECK(names(folders) == std::vector<std::string>{"/items", "/token", "/login", "/keys"});
  CHECK(names(folders[0]["item"]) ==
        std::vector<std::string>{"GET http://127.0.0.1:8080/items?q=a%20b&page=2",
                                 "POST http://127.0.0.1:8080/items"});
}

TEST_CASE("by both: host folders holding path folders", "[export][collection]") {
  const auto folders =
      collection_document(sample_session(), two_hosts(), GroupBy{true, true})["item"];
  REQUIRE(names(folders) == std::vector<std::string>{"127.0.0.1:8080", "auth.example.com"});
  const auto& local = folders[0]["item"];
  CHECK(names(local) == std::vector<std::string>{"/items", "/login"});
  CHECK(names(local[0]["item"]) ==
        std::vector<std::string>{"GET /items?q=a%20b&page=2", "POST /items"});
  CHECK(local[0]["item"][1]["request"]["method"] == "POST");
  CHECK(names(folders[1]["item"]) == std::vector<std::string>{"/token", "/keys"});
}

TEST_CASE("an empty session is an empty collection", "[export][collection]") {
  auto session = sample_session();
  session.name.clear();
  const auto collection = collection_document(session, {}, GroupBy{true, true});
  CHECK(collection["item"] == json::array());
  CHECK(collection["info"]["name"] == "Postern session 3");
}
