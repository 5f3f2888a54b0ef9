#include <catch2/catch.hpp>

#include "platform/executable_path.hpp"

TEST_CASE("the running test binary knows its own absolute path", "[platform][exe]") {
  auto self = postern::platform::current_executable();
  REQUIRE(self);
  CHECK(self->is_absolute());
  CHECK(self->filename() == "platform_test");
  CHECK(std::filesystem::exists(*self));
}
