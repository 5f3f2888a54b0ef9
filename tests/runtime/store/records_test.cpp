#include "runtime/store/records.hpp"

#include <catch2/catch.hpp>

using namespace postern::store;

TEST_CASE("session sources and states round-trip through their names", "[records]") {
  for (auto source : {SessionSource::proxy, SessionSource::extension})
    CHECK(session_source_from(to_string(source)) == source);
  for (auto state : {SessionState::running, SessionState::paused, SessionState::stopped})
    CHECK(session_state_from(to_string(state)) == state);
  CHECK(to_string(SessionSource::extension) == "extension");
  CHECK(to_string(SessionState::paused) == "paused");
  CHECK(to_string(CookieDirection::response) == "response");
  CHECK_FALSE(session_source_from("Proxy"));
  CHECK_FALSE(session_state_from(""));
}
