#include "registry/errc.hpp"

#include <catch2/catch.hpp>

using postern::registry::errc;

TEST_CASE("every registry::errc has its own message in the postern.registry category", "[errc]") {
  const std::error_code invalid = errc::manifest_invalid;
  const std::error_code unresolved = errc::location_unresolved;
  CHECK(invalid.category().name() == std::string("postern.registry"));
  CHECK_FALSE(invalid.message().empty());
  CHECK_FALSE(unresolved.message().empty());
  CHECK(invalid.message() != unresolved.message());
  CHECK(invalid == errc::manifest_invalid);
  CHECK(invalid != errc::location_unresolved);
}
