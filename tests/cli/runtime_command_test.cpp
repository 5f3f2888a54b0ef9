#include "cli/runtime_command.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "cli_harness.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::cli;
using namespace postern::control_client;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

json status_doc(int port = 5555, bool lan = false) {
  return {{"runtime_version", "0.1.0"},
          {"pid", 4242},
          {"started_at", "2026-11-22T10:00:00.000Z"},
          {"uptime_s", 1},
          {"socket_clients", 0},
          {"proxy",
           {{"host", "127.0.0.1"}, {"port", port}, {"lan", lan}, {"addresses", {"127.0.0.1"}}}}};
}

// A runtime command run against the fake API, with recorded starts and execs.
struct RuntimeHarness {
  testing::CliHarness cli;
  std::vector<RuntimeLaunch> starts;
  std::vector<RuntimeLaunch> execs;
  base::Status_or_error start_result = base::Ok{};
  std::filesystem::path runtime_dir = "/r";

  int run(const std::vector<std::string>& args) {
    RuntimeCommandEnv env;
    env.control = cli.env();
    env.paths = [this] { return base::AppPaths{"/c", "/d", runtime_dir}; };
    env.binary = []() -> base::Result<std::filesystem::path> {
      return std::filesystem::path("/bin/postern-runtime");
    };
    env.start = [this](const RuntimeLaunch& launch) {
      starts.push_back(launch);
      return start_result;
    };
    env.exec = [this](const RuntimeLaunch& launch) {
      execs.push_back(launch);
      return base::Error{std::make_error_code(std::errc::permission_denied), "cannot run it", ""};
    };
    env.wait = 200ms;
    env.poll_interval = 1ms;
    return cli.run(args, [&](CLI::App& app, OutputOptions& output, int& exit_code) {
      add_runtime_command(app, output, exit_code, env);
    });
  }
};

}  // namespace

TEST_CASE("runtime status shows the runtime, or exits 1 when it is not running", "[cli][runtime]") {
  RuntimeHarness h;
  h.cli.api.reply(200, status_doc());
  CHECK(h.run({"runtime", "status"}) == kSuccess);
  CHECK(h.cli.api.requests.at(0).method == "GET");
  CHECK(h.cli.api.requests.at(0).target == "/v1/status");
  CHECK(h.cli.out.str().find("proxy      127.0.0.1:5555") != std::string::npos);

  RuntimeHarness json_run;
  json_run.cli.api.reply(200, status_doc());
  CHECK(json_run.run({"runtime", "status", "--json"}) == kSuccess);
  CHECK(json_run.cli.out_json() == status_doc());

  RuntimeHarness down;
  down.cli.api.connects = {false};
  CHECK(down.run({"runtime", "status"}) == kFailure);
  CHECK(down.cli.err.str().find("the runtime is not running") != std::string::npos);
}

TEST_CASE("runtime start starts it, waits for the API, and prints the proxy address",
          "[cli][runtime]") {
  RuntimeHarness h;
  h.cli.api.connects = {false, false, true};  // not running, still booting, up
  h.cli.api.reply(200, status_doc());
  CHECK(h.run({"runtime", "start"}) == kSuccess);
  REQUIRE(h.starts.size() == 1);
  CHECK(h.starts[0].binary == "/bin/postern-runtime");
  CHECK(h.starts[0].runtime_dir == "/r");
  CHECK(h.starts[0].config_dir == "/c");
  CHECK_FALSE(h.starts[0].port);
  CHECK(h.cli.out.str() ==
        "started postern-runtime (pid 4242)\n"
        "capture proxy: http://127.0.0.1:5555\n"
        "point HTTP clients at it, e.g. HTTPS_PROXY=http://127.0.0.1:5555\n");
}

TEST_CASE("runtime start exits 1 and says why when the proxy's port is taken", "[cli][runtime]") {
  json taken = status_doc();
  taken["proxy"] = {
      {"listening", false},
      {"port", 5555},
      {"addresses", json::array()},
      {"error",
       {{"code", "PROXY_PORT_IN_USE"},
        {"message", "the proxy cannot listen on 127.0.0.1:5555: the port is already in use"},
        {"remedy", "stop the program using it, or start the runtime with --port N"}}}};
  RuntimeHarness h;
  h.cli.api.connects = {false, true};
  h.cli.api.reply(200, taken);
  CHECK(h.run({"runtime", "start"}) == kFailure);
  CHECK(h.cli.out.str().find("already in use; stop the program using it") != std::string::npos);
  CHECK(h.cli.out.str().find("[PROXY_PORT_IN_USE]") != std::string::npos);

  RuntimeHarness status;
  status.cli.api.reply(200, taken);
  CHECK(status.run({"runtime", "status"}) == kSuccess);  // the runtime itself runs
  CHECK(status.cli.out.str().find("proxy      not listening: the proxy cannot listen") !=
        std::string::npos);
}

TEST_CASE("runtime start when it already runs starts nothing", "[cli][runtime]") {
  RuntimeHarness h;
  h.cli.api.reply(200, status_doc());
  CHECK(h.run({"runtime", "start"}) == kSuccess);
  CHECK(h.starts.empty());
  CHECK(h.cli.out.str().find("already running (pid 4242)") != std::string::npos);

  RuntimeHarness other_port;
  other_port.cli.api.reply(200, status_doc(5555));
  CHECK(other_port.run({"runtime", "start", "--port", "8080"}) == kFailure);
  CHECK(other_port.cli.err.str().find("not on port 8080") != std::string::npos);
  CHECK(other_port.cli.err.str().find("postern runtime stop") != std::string::npos);

  RuntimeHarness not_lan;
  not_lan.cli.api.reply(200, status_doc(5555, false));
  CHECK(not_lan.run({"runtime", "start", "--lan", "--json"}) == kFailure);
  CHECK(not_lan.cli.out_json()["error"]["code"] == "RUNTIME_ALREADY_RUNNING");
}

TEST_CASE("runtime start passes --port and --lan, and --foreground execs", "[cli][runtime]") {
  RuntimeHarness h;
  h.cli.api.connects = {false};
  CHECK(h.run({"runtime", "start", "--port", "8080", "--lan", "--foreground"}) == kFailure);
  CHECK(h.starts.empty());
  REQUIRE(h.execs.size() == 1);
  CHECK(h.execs[0].port == 8080);
  CHECK(h.execs[0].lan);
  CHECK(h.cli.err.str().find("cannot run it") != std::string::npos);
}

TEST_CASE("runtime start fails clearly when the start fails or the API never answers",
          "[cli][runtime]") {
  RuntimeHarness refused;
  refused.cli.api.connects = {false};
  refused.start_result = base::Error{make_error_code(control_errc::not_running),
                                     "postern-runtime exited with status 1", "see the log"};
  CHECK(refused.run({"runtime", "start"}) == kFailure);
  CHECK(refused.cli.err.str().find("exited with status 1") != std::string::npos);

  RuntimeHarness silent;
  silent.cli.api.connects = std::deque<bool>(1000, false);
  CHECK(silent.run({"runtime", "start"}) == kFailure);
  CHECK(silent.cli.err.str().find("did not answer within 200 ms") != std::string::npos);
  CHECK(silent.cli.err.str().find("/r") != std::string::npos);  // where the log is
}

TEST_CASE("runtime start refuses a port out of range as a usage error", "[cli][runtime]") {
  RuntimeHarness h;
  CHECK(h.run({"runtime", "start", "--port", "0"}) == kUsage);
  CHECK(h.run({"runtime", "start", "--port", "70000"}) == kUsage);
  CHECK(h.cli.api.connect_attempts == 0);
}

TEST_CASE("runtime stop asks it to stop and waits until it has gone", "[cli][runtime]") {
  RuntimeHarness h;
  h.cli.api.connects = {true, true, false};  // stop, still there, gone
  h.cli.api.reply(202, {{"stopping", true}});
  h.cli.api.reply(200, status_doc());
  CHECK(h.run({"runtime", "stop"}) == kSuccess);
  CHECK(h.cli.api.requests.at(0).method == "POST");
  CHECK(h.cli.api.requests.at(0).target == "/v1/runtime/stop");
  CHECK(h.cli.out.str() == "stopped postern-runtime\n");

  RuntimeHarness down;
  down.cli.api.connects = {false};
  CHECK(down.run({"runtime", "stop", "--json"}) == kSuccess);
  CHECK(down.cli.out_json() == json{{"stopping", false}, {"running", false}});

  RuntimeHarness stuck;
  stuck.cli.api.reply(202, {{"stopping", true}});
  for (int i = 0; i < 1000; ++i)
    stuck.cli.api.reply(200, status_doc());
  CHECK(stuck.run({"runtime", "stop"}) == kFailure);
  CHECK(stuck.cli.err.str().find("still answers after 200 ms") != std::string::npos);
}

TEST_CASE("runtime stop waits for the process too, not only for its control API to close",
          "[cli][runtime]") {
  testing::TempDir home;
  // What a runtime that is still flushing holds: its pid file, locked (instance_lock.hpp).
  const int held = ::open((home / "postern-runtime.pid").c_str(), O_RDWR | O_CREAT, 0600);
  REQUIRE(held >= 0);
  REQUIRE(::flock(held, LOCK_EX) == 0);
  RuntimeHarness flushing;
  flushing.runtime_dir = home.path();
  flushing.cli.api.connects = {true, false};  // stop, then the API has closed
  flushing.cli.api.reply(202, {{"stopping", true}});
  CHECK(flushing.run({"runtime", "stop"}) == kFailure);
  CHECK(flushing.cli.err.str().find("its process has not exited after 200 ms") !=
        std::string::npos);

  ::close(held);  // the process has gone
  RuntimeHarness gone;
  gone.runtime_dir = home.path();
  gone.cli.api.connects = {true, false};
  gone.cli.api.reply(202, {{"stopping", true}});
  CHECK(gone.run({"runtime", "stop"}) == kSuccess);
  CHECK(gone.cli.out.str() == "stopped postern-runtime\n");
}

TEST_CASE("the real runtime environment has every part", "[cli][runtime]") {
  const auto env = default_runtime_env();
  CHECK(static_cast<bool>(env.paths));
  CHECK(static_cast<bool>(env.binary));
  CHECK(static_cast<bool>(env.start));
  CHECK(static_cast<bool>(env.exec));
  CHECK(env.wait == kRuntimeWait);
}
