#include "cli/runtime_views.hpp"

#include <catch2/catch.hpp>
#include <sstream>

#include "runtime/control/client/sample_status.hpp"

using namespace postern::cli;
using nlohmann::json;

using postern::testing::status_with;

TEST_CASE("status shows version, pid, uptime, addresses, LAN and interception", "[cli][views]") {
  std::ostringstream out;
  print_runtime_status(out, status_with({{"host", "0.0.0.0"},
                                         {"port", 5555},
                                         {"lan", true},
                                         {"addresses", {"127.0.0.1", "192.168.1.5"}},
                                         {"intercept", true},
                                         {"ca_file", "/c/proxy/postern-proxy-ca.crt"}}));
  CHECK(out.str() ==
        "postern-runtime 0.2.0, pid 4242, up 5 min 03 s (since 2026-11-22 10:00:00 UTC)\n"
        "proxy      127.0.0.1:5555\n"
        "           192.168.1.5:5555\n"
        "lan        yes: other devices on the network may use the proxy\n"
        "https      intercepted; clients must trust /c/proxy/postern-proxy-ca.crt\n"
        "clients    2 on the local socket\n");

  std::ostringstream plain;
  print_runtime_status(plain, status_with({{"host", "127.0.0.1"},
                                           {"port", 5555},
                                           {"intercept", false},
                                           {"intercept_off_reason", "no CA yet"}}));
  CHECK(plain.str().find("lan        no: this machine only\n") != std::string::npos);
  CHECK(plain.str().find("https      tunnelled, not intercepted: no CA yet\n") !=
        std::string::npos);

  std::ostringstream none;
  print_runtime_status(none, {{"pid", 1}});
  CHECK(none.str().find("proxy      not listening\n") != std::string::npos);
}

TEST_CASE("after a start: the pid and where to point clients", "[cli][views]") {
  const auto status = status_with({{"host", "127.0.0.1"}, {"port", 5555}});
  std::ostringstream started, running, nothing;
  print_runtime_started(started, status, false);
  CHECK(started.str() ==
        "started postern-runtime (pid 4242)\n"
        "capture proxy: http://127.0.0.1:5555\n"
        "point HTTP clients at it, e.g. HTTPS_PROXY=http://127.0.0.1:5555\n");
  print_runtime_started(running, status, true);
  CHECK(running.str().rfind("postern-runtime is already running (pid 4242)\n", 0) == 0);
  print_runtime_started(nothing, {{"pid", 1}}, false);
  CHECK(nothing.str().find("not listening") != std::string::npos);
}
