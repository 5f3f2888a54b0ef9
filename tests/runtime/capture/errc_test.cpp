#include "runtime/capture/errc.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using postern::capture::errc;

TEST_CASE("every capture::errc has its own message in the postern.capture category", "[errc]") {
  std::set<std::string> messages;
  for (int value = static_cast<int>(errc::bad_option);
       value <= static_cast<int>(errc::no_collection_writer); ++value) {
    const std::error_code code = static_cast<errc>(value);
    CHECK(code.category().name() == std::string("postern.capture"));
    CHECK_FALSE(code.message().empty());
    messages.insert(code.message());
  }
  CHECK(messages.size() == static_cast<std::size_t>(errc::no_collection_writer));
  CHECK(std::error_code(errc::bad_option) == errc::bad_option);
  CHECK(std::error_code(errc::bad_option) != errc::no_active_session);
}
