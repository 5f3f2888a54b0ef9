#include "certs/errc.hpp"

#include <catch2/catch.hpp>

#include <set>

using postern::certs::errc;

TEST_CASE("every certs::errc has its own message in the postern.certs category", "[errc]") {
  std::set<std::string> messages;
  for (int value = static_cast<int>(errc::ca_missing);
       value <= static_cast<int>(errc::openssl_failure); ++value) {
    const std::error_code code = static_cast<errc>(value);  // implicit, via is_error_code_enum
    CHECK(code.category().name() == std::string("postern.certs"));
    CHECK_FALSE(code.message().empty());
    messages.insert(code.message());
  }
  CHECK(messages.size() == static_cast<std::size_t>(errc::openssl_failure));
  CHECK(std::error_code(errc::no_key) == errc::no_key);
  CHECK(std::error_code(errc::no_key) != errc::ca_missing);
}
