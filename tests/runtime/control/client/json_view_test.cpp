#include "runtime/control/client/json_view.hpp"

#include <catch2/catch.hpp>

using namespace postern::control_client;
using nlohmann::json;

TEST_CASE("fields of the wrong type, null or missing give the fallback, never throw",
          "[client][json]") {
  const json doc = {{"s", "text"},  {"i", -4},     {"u", 7u},         {"b", true},
                    {"n", nullptr}, {"a", {1, 2}}, {"o", {{"k", 1}}}, {"d", 1.5}};
  CHECK(text_at(doc, "s") == "text");
  CHECK(text_at(doc, "i", "none") == "none");
  CHECK(text_at(doc, "n", "none") == "none");
  CHECK(text_at(json::array(), "s", "x") == "x");
  CHECK(integer_at(doc, "i") == -4);
  CHECK(integer_at(doc, "u") == 7);
  CHECK(integer_at(doc, "s", 9) == 9);
  CHECK(integer_at(doc, "d", 9) == 9);
  CHECK(flag_at(doc, "b"));
  CHECK(flag_at(doc, "i", true));
  CHECK(list_at(doc, "a").size() == 2);
  CHECK(list_at(doc, "o").empty());
  CHECK(object_at(doc, "o").contains("k"));
  CHECK(object_at(doc, "n").empty());
  CHECK(scalar_at(doc, "s") == "text");
  CHECK(scalar_at(doc, "u") == "7");
  CHECK(scalar_at(doc, "b") == "true");
  CHECK(scalar_at(doc, "n") == "-");
  CHECK(scalar_at(doc, "missing", "?") == "?");
  CHECK(scalar_text(json::array()) == "-");
}
