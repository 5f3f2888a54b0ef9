#include "runtime/control/client/json_fields.hpp"

#include <catch2/catch.hpp>

#include "runtime/control/client/control_errc.hpp"

using namespace postern::control_client;
using nlohmann::json;

namespace {

struct Item {
  std::int64_t id = 0;
  std::string name;
};

Item read_item(const JsonFields& fields) {
  return Item{fields.integer("id"), fields.text("name")};
}

std::vector<Item> read_items(const JsonFields& fields) {
  return fields.list<Item>("items", read_item);
}

}  // namespace

TEST_CASE("fields of each kind read, with defaults only where asked", "[client][json]") {
  const json doc = {{"s", "x"},  {"i", -3},      {"u", 7u},         {"d", 1.5},
                    {"b", true}, {"n", nullptr}, {"a", {"p", "q"}}, {"o", {{"k", 1}}}};
  std::string problem;
  JsonFields fields(doc, "", problem);
  CHECK(fields.text("s") == "x");
  CHECK(fields.integer("i") == -3);
  CHECK(fields.integer("u") == 7);
  CHECK(fields.number("d") == 1.5);
  CHECK(fields.number("i") == -3.0);
  CHECK(fields.flag("b"));
  CHECK_FALSE(fields.nullable_text("n"));
  CHECK_FALSE(fields.nullable_integer("absent"));
  CHECK(fields.text_or("absent", "fallback") == "fallback");
  CHECK(fields.integer_or("n", 9) == 9);
  CHECK(fields.flag_or("absent", true));
  CHECK(fields.texts("a") == std::vector<std::string>{"p", "q"});
  CHECK(fields.texts("absent", false).empty());
  CHECK(fields.at("o").integer("k") == 1);
  CHECK(fields.has("s"));
  CHECK_FALSE(fields.has("n"));
  CHECK(problem.empty());
}

TEST_CASE("the first problem names its path; later reads give defaults", "[client][json]") {
  const json doc = {{"items", {{{"id", 1}, {"name", "a"}}, {{"id", "2"}, {"name", "b"}}}}};
  auto items = read_json<std::vector<Item>>(doc, read_items);
  REQUIRE_FALSE(items);
  CHECK(items.error().code == control_errc::bad_response);
  CHECK(items.error().message == "items[1].id: expected a whole number");

  std::string problem;
  const json session = {{"a", 1}};  // a reader refers to its value: it must outlive the reader
  JsonFields fields(session, "session", problem);
  CHECK(fields.text("missing").empty());
  CHECK(problem == "session.missing: missing");
  CHECK(fields.integer("a") == 0);  // after a problem, defaults
  CHECK(problem == "session.missing: missing");
}

TEST_CASE("wrong kinds, out-of-range numbers and non-objects are problems", "[client][json]") {
  auto message = [](const json& doc, const std::function<void(const JsonFields&)>& read) {
    std::string problem;
    read(JsonFields(doc, "", problem));
    return problem;
  };
  CHECK(message(json{{"i", 1.5}}, [](auto& f) { f.integer("i"); }) == "i: expected a whole number");
  CHECK(message(json{{"i", 18446744073709551615u}}, [](auto& f) { f.integer("i"); }) ==
        "i: expected a whole number");
  CHECK(message(json{{"b", "true"}}, [](auto& f) { f.flag_or("b", false); }) ==
        "b: expected true or false");
  CHECK(message(json{{"a", {1}}}, [](auto& f) { f.texts("a"); }) == "a[0]: expected a string");
  CHECK(message(json{{"o", 1}}, [](auto& f) { f.at("o"); }) == "o: expected an object");
  CHECK(message(json("text"), [](auto& f) { f.text("x"); }) == "the answer: expected an object");
  CHECK(message(json::object(), [](auto& f) { f.fail_at("state", "\"x\" is no state"); }) ==
        "state: \"x\" is no state");
}
