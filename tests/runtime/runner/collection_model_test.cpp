#include "runtime/runner/collection_model.hpp"

#include <catch2/catch.hpp>

#include "runtime/runner/runner_errc.hpp"

using namespace postern::runner;

TEST_CASE("a v2.1 collection: folders, URL objects, bodies, auth and scripts",
          "[runner][collection]") {
  auto parsed = parse_collection(R"({
    "info": {"name": "Shop", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
    "auth": {"type": "basic", "basic": [{"key": "username", "value": "{{user}}"},
                                         {"key": "password", "value": "pw"}]},
    "variable": [{"key": "host", "value": "api.test"}],
    "event": [{"listen": "test", "script": {"exec": ["pm.test.one"]}}],
    "item": [
      {"name": "Orders", "auth": {"type": "noauth"},
       "event": [{"listen": "prerequest", "script": {"exec": [""]}}],
       "item": [
         {"name": "List", "event": [{"listen": "test", "script": {"exec": "pm.expect.two"}}],
          "request": {"method": "GET",
            "url": {"raw": "https://{{host}}/orders/:id?x=1", "variable": [{"key": "id", "value": "7"}]},
            "header": [{"key": "A", "value": "1"}, {"key": "B", "value": "2", "disabled": true}]}},
         {"name": "Create", "request": {"method": "POST", "url": "https://{{host}}/orders",
            "auth": {"type": "bearer", "bearer": {"token": "t"}},
            "body": {"mode": "raw", "raw": "{}", "options": {"raw": {"language": "json"}}}}}
       ]},
      {"name": "Upload", "request": {"method": "POST",
         "url": {"protocol": "http", "host": ["files", "test"], "port": "81", "path": ["up"],
                 "query": [{"key": "q", "value": "1"}, {"key": "off", "value": "0", "disabled": true}]},
         "body": {"mode": "formdata", "formdata": [{"key": "f", "type": "file", "src": "a.bin"},
                                                    {"key": "t", "value": "v", "type": "text"}]}}}
    ]})");
  REQUIRE(parsed);
  const Collection& c = parsed.value();
  CHECK(c.name == "Shop");
  CHECK(c.auth.mode == AuthSpec::Mode::scheme);
  CHECK(c.auth.params.text("username") == "{{user}}");
  CHECK(c.variables.at(0).key == "host");
  CHECK(c.unsupported == std::vector<std::string>{"test script"});
  REQUIRE(c.items.size() == 2);
  const Item& orders = c.items[0];
  CHECK_FALSE(orders.request);
  CHECK(orders.auth.mode == AuthSpec::Mode::none);
  CHECK(orders.unsupported.empty());  // an empty script is nothing to run
  const RequestSpec& list = *orders.items[0].request;
  CHECK(list.url == "https://{{host}}/orders/7?x=1");
  CHECK(list.headers.size() == 2);
  CHECK(list.headers[1].disabled);
  CHECK(list.auth.mode == AuthSpec::Mode::inherit);
  CHECK(orders.items[0].unsupported == std::vector<std::string>{"test script"});
  const RequestSpec& create = *orders.items[1].request;
  CHECK(create.auth.type == "bearer");
  CHECK(create.auth.params.text("token") == "t");  // the v2.0 object form
  CHECK(create.body.raw_language == "json");
  const RequestSpec& upload = *c.items[1].request;
  CHECK(upload.url == "http://files.test:81/up?q=1");
  REQUIRE(upload.body.formdata.size() == 2);
  CHECK(upload.body.formdata[0].is_file);
  CHECK(upload.body.formdata[0].value == "a.bin");
}

TEST_CASE("what is not a collection is an error naming where", "[runner][collection]") {
  auto not_json = parse_collection("{");
  REQUIRE_FALSE(not_json);
  CHECK(not_json.error().code == runner_errc::bad_collection);
  auto no_items = parse_collection(R"({"info": {}})");
  REQUIRE_FALSE(no_items);
  CHECK(no_items.error().message.find("item") != std::string::npos);
  auto bad_url = parse_collection(R"({"item": [{"name": "x", "request": {"url": 5}}]})");
  REQUIRE_FALSE(bad_url);
  CHECK(bad_url.error().message.find("item[0].request.url") != std::string::npos);
  auto no_url = parse_collection(R"({"item": [{"request": {"method": "GET"}}]})");
  REQUIRE_FALSE(no_url);
  auto bad_header = parse_collection(R"({"item": [{"request": {"url": "x", "header": 3}}]})");
  REQUIRE_FALSE(bad_header);
  CHECK(bad_header.error().message.find("header") != std::string::npos);
}
