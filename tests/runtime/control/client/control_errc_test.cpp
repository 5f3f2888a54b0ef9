#include "runtime/control/client/control_errc.hpp"

#include <catch2/catch.hpp>

using namespace postern::control_client;

TEST_CASE("every control error has a sentence and a stable code", "[client][control]") {
  for (auto e : {control_errc::not_running, control_errc::endpoint_invalid, control_errc::timed_out,
                 control_errc::connection_failed, control_errc::bad_response,
                 control_errc::bad_token, control_errc::cancelled}) {
    const std::error_code code = e;
    CHECK(code.category().name() == std::string("postern.control.client"));
    CHECK_FALSE(code.message().empty());
    CHECK(stable_code(code) == stable_code(e));
    CHECK(stable_code(e) != "INTERNAL_ERROR");
  }
  CHECK(stable_code(control_errc::not_running) == "RUNTIME_NOT_RUNNING");
  CHECK(stable_code(control_errc::timed_out) == "RUNTIME_NOT_RESPONDING");
  CHECK(stable_code(control_errc::bad_token) == "TOKEN_REQUIRED");
  CHECK(stable_code(control_errc::cancelled) == "CANCELLED");
  CHECK(stable_code(std::make_error_code(std::errc::io_error)) == "INTERNAL_ERROR");
}
