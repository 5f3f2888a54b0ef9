#include "runtime/cookies/errc.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace postern::cookies;

TEST_CASE("every cookie error has its own message in the postern.cookies category") {
  std::set<std::string> messages;
  for (int value = static_cast<int>(errc::invalid_character);
       value <= static_cast<int>(errc::netscape_line_malformed); ++value) {
    const std::error_code code = static_cast<errc>(value);
    CHECK(code.category().name() == std::string("postern.cookies"));
    CHECK(code.message() != "unknown cookie error");
    messages.insert(code.message());
  }
  CHECK(messages.size() == static_cast<std::size_t>(errc::netscape_line_malformed));
}

TEST_CASE("cookie errors convert to std::error_code and compare with their enum") {
  std::error_code code = errc::public_suffix;
  CHECK(code == errc::public_suffix);
  CHECK(code != errc::domain_mismatch);
  CHECK(static_cast<bool>(code));
}
