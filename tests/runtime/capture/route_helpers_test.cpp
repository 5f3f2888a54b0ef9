#include "runtime/capture/route_helpers.hpp"

#include <catch2/catch.hpp>

#include "runtime/capture/errc.hpp"
#include "runtime/store/errc.hpp"

using namespace postern::capture;
using postern::base::Error;
using json = nlohmann::json;
namespace store = postern::store;

// Reading bodies, ids and queries: tests/runtime/control/route_helpers_test.cpp.

TEST_CASE("errors map to the API's statuses and codes", "[route_helpers]") {
  const std::vector<std::tuple<std::error_code, int, std::string>> cases = {
      {store::errc::not_found, 404, "NOT_FOUND"},
      {store::errc::session_active, 409, "SESSION_ACTIVE"},
      {store::errc::invalid_state, 409, "BAD_STATE"},
      {store::errc::invalid_argument, 400, "BAD_FIELD"},
      {errc::bad_option, 400, "BAD_FIELD"},
      {errc::no_active_session, 409, "NO_ACTIVE_SESSION"},
      {store::errc::disk_full, 500, "STORE_ERROR"},
  };
  for (const auto& [code, status, api_code] : cases) {
    INFO(api_code);
    const auto response = error_to_response(Error{code, "what happened", "the remedy"});
    CHECK(response.status == status);
    const auto error = json::parse(response.body)["error"];
    CHECK(error["code"] == api_code);
    // Only a failure of the store itself needs the remedy; the others are the caller's.
    CHECK(error["message"] ==
          (status == 500 ? "what happened (the remedy)" : std::string("what happened")));
  }
}
