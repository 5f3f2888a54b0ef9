#include "runtime/store/errc.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using postern::store::errc;

TEST_CASE("every store::errc has its own message in the postern.store category", "[errc]") {
  std::set<std::string> messages;
  for (int value = static_cast<int>(errc::cannot_open);
       value <= static_cast<int>(errc::writer_stopped); ++value) {
    const std::error_code code = static_cast<errc>(value);
    CHECK(code.category().name() == std::string("postern.store"));
    CHECK_FALSE(code.message().empty());
    messages.insert(code.message());
  }
  CHECK(messages.size() == static_cast<std::size_t>(errc::writer_stopped));
  CHECK(std::error_code(errc::busy) == errc::busy);
  CHECK(std::error_code(errc::busy) != errc::disk_full);
}
