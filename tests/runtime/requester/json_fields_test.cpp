#include "runtime/requester/json_fields.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using postern::requester::JsonFields;

TEST_CASE("JsonFields reads typed fields and keeps defaults for missing ones") {
  const json doc = {{"on", true}, {"name", "x"}, {"n", 42}, {"sub", {{"deep", "y"}}}};
  JsonFields fields(doc, "");
  bool on = false;
  std::string name = "default", missing = "kept", deep;
  long long n = 0;
  fields.read("on", on);
  fields.read("name", name);
  fields.read("absent", missing);
  fields.read("n", n);
  fields.object("sub").read("deep", deep);
  CHECK(on);
  CHECK(name == "x");
  CHECK(missing == "kept");
  CHECK(n == 42);
  CHECK(deep == "y");
  CHECK(fields.error().empty());
}

TEST_CASE("JsonFields names the first field of the wrong type by its whole path") {
  const json doc = {{"proxy", {{"custom", {{"server", 8080}, {"enabled", "yes"}}}}}};
  JsonFields fields(doc, "");
  auto custom = fields.object("proxy").object("custom");
  std::string server;
  bool enabled = false;
  custom.read("server", server);
  custom.read("enabled", enabled);
  CHECK(fields.error() == "proxy.custom.server must be a string");  // the first one wins
  CHECK(server.empty());
}

TEST_CASE("JsonFields: a sub-object that is not an object is an error") {
  const json doc = {{"proxy", "on"}};
  JsonFields fields(doc, "");
  fields.object("proxy");
  CHECK(fields.error() == "proxy must be an object");
  long long n = 1;
  const json array = json::array(), with_fraction = {{"n", 3.5}};
  JsonFields whole(array, "");
  CHECK(whole.error() == "the document must be an object");
  JsonFields fractional(with_fraction, "x");
  fractional.read("n", n);
  CHECK(fractional.error() == "x.n must be a whole number");
  CHECK(n == 1);
}
