#include "runtime/bridge/errc.hpp"

#include <catch2/catch.hpp>

#include "base/codes.hpp"

using namespace postern::bridge;
namespace codes = postern::base::codes;

TEST_CASE("every bridge error has a message and a stable code", "[bridge][errc]") {
  for (int value = static_cast<int>(errc::frame_too_large);
       value <= static_cast<int>(errc::protocol_unsupported); ++value) {
    const std::error_code code = static_cast<errc>(value);
    CHECK(code.category().name() == std::string("postern.bridge"));
    CHECK_FALSE(code.message().empty());
    CHECK(code.message() != "unknown bridge error");
    CHECK_FALSE(stable_code(code).empty());
  }
}

TEST_CASE("key mismatch and malformed envelopes have different codes", "[bridge][errc]") {
  CHECK(stable_code(errc::key_mismatch) == codes::key_mismatch);
  CHECK(stable_code(errc::envelope_malformed) == codes::envelope_invalid);
  CHECK(stable_code(errc::base64_invalid) == codes::envelope_invalid);
  CHECK(stable_code(errc::runtime_not_running) == codes::runtime_not_running);
  CHECK(stable_code(errc::key_file_unreadable) == codes::file_permissions_required);
}

TEST_CASE("errors of other libraries map to INTERNAL_ERROR", "[bridge][errc]") {
  CHECK(stable_code(std::make_error_code(std::errc::io_error)) == codes::bridge_internal_error);
  CHECK(stable_code(std::error_code(errc::chunk_invalid)) == codes::chunk_invalid);
}
