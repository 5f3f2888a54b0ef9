#include "runtime/bridge/runtime_link.hpp"

#include <catch2/catch.hpp>

#include "runtime/bridge/errc.hpp"

using namespace postern::bridge;

TEST_CASE("until the runtime exists, the link says RUNTIME_NOT_RUNNING", "[bridge][runtime]") {
  NullRuntimeLink link;
  auto status = link.status();
  CHECK_FALSE(status.connected);
  CHECK(status.code == "RUNTIME_NOT_RUNNING");
  CHECK_FALSE(status.message.empty());
  auto sent = link.send({{"type", "runtime.relay"}, {"payload", {{"x", 1}}}});
  REQUIRE_FALSE(sent.has_value());
  CHECK(sent.error().code == errc::runtime_not_running);
  CHECK_FALSE(sent.error().remedy.empty());
  CHECK_FALSE(link.receive().has_value());
}
