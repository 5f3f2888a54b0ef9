#include "runtime/control/client/runtime_launcher.hpp"

#include <catch2/catch.hpp>

using namespace postern::control_client;
using Args = std::vector<std::string>;

TEST_CASE("the runtime gets its folders, then the proxy options asked for", "[client][launcher]") {
  RuntimeLaunch launch{"/opt/postern-runtime", "/run/p", "/home/u/.config/postern", {}, false};
  CHECK(runtime_arguments(launch) ==
        Args{"--runtime-dir", "/run/p", "--config-dir", "/home/u/.config/postern"});
  launch.port = 8080;
  launch.lan = true;
  CHECK(runtime_arguments(launch) == Args{"--runtime-dir", "/run/p", "--config-dir",
                                          "/home/u/.config/postern", "--port", "8080", "--lan"});
}
