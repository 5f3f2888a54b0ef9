#include "base/environment.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>

using namespace postern::base;

TEST_CASE("fixed environments treat empty values as unset", "[base][env]") {
  auto env = fixed_environment({{"HOME", "/h"}, {"EMPTY", ""}});
  CHECK(env("HOME") == std::optional<std::string>("/h"));
  CHECK_FALSE(env("EMPTY").has_value());
  CHECK_FALSE(env("MISSING").has_value());
}

TEST_CASE("the process environment reads real variables", "[base][env]") {
  ::setenv("POSTERN_ENV_TEST", "value", 1);
  CHECK(process_environment()("POSTERN_ENV_TEST") == std::optional<std::string>("value"));
  ::unsetenv("POSTERN_ENV_TEST");
  CHECK_FALSE(process_environment()("POSTERN_ENV_TEST").has_value());
}
