#include "runtime/runner/variables.hpp"

#include <catch2/catch.hpp>

using namespace postern::runner;

namespace {

Variables pinned() {
  return Variables(
      {[] { return 1700000000123LL; }, [](std::size_t n) { return std::string(n, '\x11'); }});
}

}  // namespace

TEST_CASE("the narrowest scope wins: environment, collection, globals", "[runner][variables]") {
  Variables vars = pinned();
  vars.globals = {{"host", "g.test"}, {"only_global", "G"}};
  vars.collection = {{"host", "c.test"}, {"path", "/v1"}};
  vars.environment = {{"host", "e.test"}};
  CHECK(vars.substitute("https://{{host}}{{path}}/{{only_global}}") == "https://e.test/v1/G");
}

TEST_CASE("nested references resolve; cycles and unknown names stay and are reported",
          "[runner][variables]") {
  Variables vars = pinned();
  vars.environment = {
      {"base", "{{scheme}}://{{host}}"}, {"scheme", "https"}, {"host", "h"}, {"loop", "{{loop}}"}};
  std::set<std::string> unresolved;
  CHECK(vars.substitute("{{base}}/{{missing}}", &unresolved) == "https://h/{{missing}}");
  CHECK(unresolved == std::set<std::string>{"missing"});
  unresolved.clear();
  CHECK(vars.substitute("{{loop}}", &unresolved) == "{{loop}}");
  CHECK(unresolved.contains("loop"));
  CHECK(vars.substitute("{{ unclosed") == "{{ unclosed");
}

TEST_CASE("dynamic variables from pinned time and randomness", "[runner][variables]") {
  Variables vars = pinned();
  CHECK(vars.substitute("{{$timestamp}}") == "1700000000");
  CHECK(vars.substitute("{{$isoTimestamp}}") == "2023-11-14T22:13:20.123Z");
  CHECK(vars.substitute("{{$guid}}") == "11111111-1111-4111-9111-111111111111");
  CHECK(vars.substitute("{{$randomInt}}") == "17");
  Variables real;
  CHECK(real.substitute("{{$guid}}") != real.substitute("{{$guid}}"));
}

TEST_CASE("environment files: enabled values only; bad files are named errors",
          "[runner][variables]") {
  VariableScope scope;
  CHECK_FALSE(read_variable_file(
      R"({"name":"dev","values":[{"key":"a","value":"1","enabled":true},
          {"key":"b","value":"2","enabled":false},{"key":"n","value":5}]})",
      scope));
  CHECK(scope == VariableScope{{"a", "1"}, {"n", "5"}});
  CHECK(read_variable_file("{", scope) == "not valid JSON");
  CHECK(read_variable_file(R"({"values":[{"value":"x"}]})", scope).has_value());
  CHECK(read_variable_file(R"({"name":"x"})", scope).has_value());
}
