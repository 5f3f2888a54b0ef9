// The real postern-runtime binary (runtime/daemon/main.cpp): it serves the socket where
// POSTERN_HOME puts it, says "already running" to a second copy, replaces a stale socket,
// and on SIGTERM, SIGINT or a cli shutdown stops cleanly, removing its socket and pid file.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "runtime/bridge/runtime_probe.hpp"
#include "runtime/bridge/socket_runtime_link.hpp"
#include "runtime/control/control_file.hpp"
#include "runtime/daemon/folder_watch.hpp"
#include "runtime/daemon/instance_lock.hpp"
#include "runtime_process.hpp"
#include "socket_client.hpp"
#include "support/loopback_http_server.hpp"
#include "support/temp_dir.hpp"

using namespace postern;
using namespace postern::testing;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

std::map<std::string, std::string> home_env(const TempDir& home) {
  return {{"POSTERN_HOME", home.path().string()}, {"HOME", home.path().string()}};
}

// A Unix socket file at `path` that nobody listens on (bound, then closed).
bool bind_dead_socket(const fs::path& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return bound;
}

bool wait_until_requests(const LoopbackHttpServer& server, std::size_t count) {
  const auto deadline = std::chrono::steady_clock::now() + 3s;
  while (server.requests().size() < count) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(2ms);
  }
  return true;
}

}  // namespace

TEST_CASE("the binary serves <POSTERN_HOME>/run/postern.sock and stops on a signal",
          "[daemon][binary]") {
  const int signal_number = GENERATE(SIGTERM, SIGINT);
  TempDir home;
  const fs::path run = home / "run";
  RuntimeProcess runtime({"--foreground"}, (home / "runtime.log").string(), home_env(home));
  REQUIRE(RuntimeProcess::wait_ready(run));
  CHECK(runtime_pid_in(run) == static_cast<long>(runtime.pid()));
  auto probe = bridge::runtime_status_at(run);
  CHECK(probe.running);
  CHECK(probe.pid == static_cast<long>(runtime.pid()));
  CHECK(probe.version == "0.1.0");
  runtime.signal(signal_number);
  CHECK(runtime.wait() == 0);
  CHECK_FALSE(fs::exists(bridge::runtime_socket_file(run)));
  CHECK_FALSE(fs::exists(bridge::runtime_pid_file(run)));
  CHECK(runtime.log().find("stopping: ") != std::string::npos);
  CHECK(runtime.log().find("stopped") != std::string::npos);
}

// A client that finds the socket has 300 ms for its hello (the bridge's budget). Making the
// store and the CA on a first start can take longer on a loaded machine, so all of it happens
// before the socket exists: the client's longer start timeout covers it.
TEST_CASE("the socket appears only once the runtime is ready: store and control API first",
          "[daemon][binary]") {
  TempDir home;
  const fs::path run = home / "run";
  const fs::path socket = bridge::runtime_socket_file(run);
  RuntimeProcess runtime({"--foreground"}, (home / "runtime.log").string(), home_env(home));
  // Try as often as possible: the first connection that succeeds counts. (Between bind and
  // listen the file exists but refuses; a client treats that as "not there yet".)
  std::optional<SocketClient> client;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (client.emplace(socket).connected()) break;
    std::this_thread::yield();
  }
  REQUIRE(client->connected());
  CHECK(fs::exists(home / "data" / "capture.db"));
  CHECK(fs::exists(control::control_file(run)));
  REQUIRE(client->send({{"type", "hello"}, {"client", "cli"}, {"protocol", 1}}));
  auto answer = client->reply(bridge::kRuntimeReplyTimeout);
  REQUIRE(answer);
  CHECK((*answer)["type"] == "hello_ack");
  runtime.signal(SIGTERM);
  CHECK(runtime.wait() == 0);
}

TEST_CASE("a second runtime for the same folder says already running and exits 0",
          "[daemon][binary]") {
  TempDir home;
  const fs::path run = home / "run";
  RuntimeProcess first({"--runtime-dir", run.string()}, (home / "first.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  RuntimeProcess second({"--runtime-dir", run.string()}, (home / "second.log").string());
  CHECK(second.wait() == 0);
  CHECK(second.log().find("already running (it holds") != std::string::npos);
  CHECK(second.log().find("(pid " + std::to_string(first.pid()) + ")") != std::string::npos);
  CHECK(bridge::runtime_status_at(run).pid == static_cast<long>(first.pid()));
  first.signal(SIGTERM);
  CHECK(first.wait() == 0);
}

TEST_CASE("a stale socket and pid file from a dead runtime are replaced", "[daemon][binary]") {
  TempDir home;
  const fs::path run = home / "run";
  fs::create_directories(run);
  fs::permissions(run, fs::perms::owner_all);
  // What a SIGKILLed runtime leaves: a socket nobody listens on, a pid that is gone.
  REQUIRE(bind_dead_socket(bridge::runtime_socket_file(run)));
  std::ofstream(bridge::runtime_pid_file(run)) << "999999\n";
  CHECK(bridge::runtime_status_at(run).failure == bridge::ConnectFailure::refused);
  RuntimeProcess runtime({"--runtime-dir", run.string()}, (home / "runtime.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  CHECK(runtime.log().find("replaced a stale socket") != std::string::npos);
  CHECK(runtime_pid_in(run) == static_cast<long>(runtime.pid()));
  runtime.signal(SIGTERM);
  CHECK(runtime.wait() == 0);
}

TEST_CASE("a cli shutdown request stops the binary cleanly", "[daemon][binary]") {
  TempDir home;
  const fs::path run = home / "run";
  RuntimeProcess runtime({"--runtime-dir", run.string()}, (home / "runtime.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  auto stopped = bridge::request_runtime_shutdown(run, 2s);
  CHECK(stopped.has_value());
  CHECK(runtime.wait() == 0);
  CHECK_FALSE(fs::exists(bridge::runtime_socket_file(run)));
  CHECK_FALSE(fs::exists(bridge::runtime_pid_file(run)));
}

TEST_CASE("a stop request returns once the runtime has gone: the folder is free at once",
          "[daemon][binary]") {
  TempDir home;
  const fs::path run = home / "run";
  RuntimeProcess runtime({"--runtime-dir", run.string(), "--port", "0"},
                         (home / "runtime.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  REQUIRE(bridge::request_runtime_shutdown(run, bridge::kRuntimeStopTimeout).has_value());
  // No wait here: a new owner can take the folder the moment the stop returns.
  daemon::InstanceLock next(run);
  CHECK(next.acquire().state == daemon::LockState::acquired);
  next.release();
  CHECK(runtime.wait() == 0);
}

TEST_CASE("a runtime whose folder is deleted stops by itself", "[daemon][binary]") {
  TempDir home;
  const fs::path run = home / "run";
  RuntimeProcess runtime({"--runtime-dir", run.string(), "--port", "0"},
                         (home / "runtime.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  SECTION("the whole folder, as reset or a deleted temporary home does") {
    CHECK(fs::remove_all(run) > 0);
  }
  SECTION("only its socket, replaced by another") {
    fs::remove(bridge::runtime_socket_file(run));
    REQUIRE(bind_dead_socket(bridge::runtime_socket_file(run)));
  }
  // It checks once a second (kFolderCheckPeriod); the rest is a clean stop.
  CHECK(runtime.wait(daemon::kFolderCheckPeriod + 5s) == 0);
  CHECK(runtime.log().find("was removed or replaced") != std::string::npos);
  CHECK(runtime.log().find("stopped") != std::string::npos);
}

TEST_CASE("connectivity.check goes through the proxy settings.json names", "[daemon][binary]") {
  TempDir home;
  const fs::path run = home / "run", config = home / "config";
  LoopbackHttpServer proxy("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  const std::string target =
      "http://127.0.0.1:" + std::to_string(LoopbackHttpServer::closed_port()) + "/";
  fs::create_directories(config);
  std::ofstream(config / "settings.json")
      << R"({"connectivity": {"url": ")" << target << R"("}, "proxy": {"custom": {"enabled": true,
           "server": ")"
      << proxy.authority() << "\"}}}";
  RuntimeProcess runtime({"--runtime-dir", run.string(), "--config-dir", config.string()},
                         (home / "runtime.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  auto answer =
      bridge::ask_runtime(run, {{"type", "connectivity.check"}, {"id", 1}}, "connectivity", 5s);
  REQUIRE(answer.message);
  const auto& report = (*answer.message)["report"];
  CHECK(report["ok"] == true);
  CHECK(report["via"] == "http://" + proxy.authority());
  CHECK(report["route"] == "custom proxy");
  REQUIRE(proxy.requests().size() == 1);
  CHECK(proxy.requests()[0].rfind("HEAD " + target + " HTTP/1.1", 0) == 0);

  // The CLI may name another URL; a closed port is a named failure, not a hang.
  const std::string closed =
      "http://127.0.0.1:" + std::to_string(LoopbackHttpServer::closed_port()) + "/";
  std::ofstream(config / "settings.json") << "{}";  // read again on each check: now direct
  auto failed = bridge::ask_runtime(run, {{"type", "connectivity.check"}, {"url", closed}},
                                    "connectivity", 5s);
  REQUIRE(failed.message);
  CHECK((*failed.message)["report"]["failure"] == "refused");
  CHECK(runtime.log().find("connectivity check of " + closed) != std::string::npos);
}

TEST_CASE("stopping the runtime cancels a check that is still waiting", "[daemon][binary]") {
  TempDir home;
  const fs::path run = home / "run", config = home / "config";
  LoopbackHttpServer silent("", LoopbackReply::silent);
  fs::create_directories(config);
  std::ofstream(config / "settings.json") << R"({"connectivity": {"url": "http://)"
                                          << silent.authority() << R"(/", "timeout_ms": 60000}})";
  RuntimeProcess runtime({"--runtime-dir", run.string(), "--config-dir", config.string()},
                         (home / "runtime.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  SocketClient client(bridge::runtime_socket_file(run));
  client.send({{"type", "hello"}, {"client", "cli"}, {"protocol", 1}});
  client.send({{"type", "connectivity.check"}});
  REQUIRE(wait_until_requests(silent, 1));
  const auto begin = std::chrono::steady_clock::now();
  runtime.signal(SIGTERM);
  CHECK(runtime.wait(3s) == 0);
  CHECK(std::chrono::steady_clock::now() - begin < 2s);
}

TEST_CASE("the control API: control.json, real curl with and without the token, stop",
          "[daemon][binary]") {
  TempDir home;
  const fs::path run = home / "run";
  RuntimeProcess runtime({"--runtime-dir", run.string(), "--config-dir", (home / "c").string()},
                         (home / "runtime.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  std::ifstream in(run / "control.json");
  const auto control = nlohmann::json::parse(in);
  const std::string base = "http://127.0.0.1:" + std::to_string(control["port"].get<int>());
  const std::string token = control["token"];
  auto curl = [&](const std::string& arguments) {
    const std::string out = (home / "curl.out").string();
    const std::string command =
        "curl -s -o " + out + " -w '%{http_code}' " + arguments + " > " + (home / "code").string();
    REQUIRE(std::system(command.c_str()) == 0);
    std::ifstream code(home / "code"), body(out);
    return std::pair(std::string(std::istreambuf_iterator<char>(code), {}),
                     std::string(std::istreambuf_iterator<char>(body), {}));
  };
  auto [ok, status] = curl("-H 'Authorization: Bearer " + token + "' " + base + "/v1/status");
  CHECK(ok == "200");
  CHECK(nlohmann::json::parse(status)["pid"] == static_cast<long>(runtime.pid()));
  CHECK(curl(base + "/v1/status").first == "401");
  CHECK(curl("-H 'Host: attacker.test' -H 'Authorization: Bearer " + token + "' " + base +
             "/v1/status")
            .first == "400");
  CHECK(
      curl("-X POST -H 'Authorization: Bearer " + token + "' " + base + "/v1/runtime/stop").first ==
      "202");
  CHECK(runtime.wait() == 0);
  CHECK_FALSE(fs::exists(run / "control.json"));
}

TEST_CASE("a taken proxy port: the runtime still serves, and its status says why",
          "[daemon][binary]") {
  TempDir home;
  const fs::path run = home / "run";
  // Hold a loopback port, as another program would.
  const int holder = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(holder >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::listen(holder, 1) == 0);
  socklen_t length = sizeof address;
  REQUIRE(::getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  const std::string port = std::to_string(ntohs(address.sin_port));
  RuntimeProcess runtime({"--runtime-dir", run.string(), "--config-dir", (home / "c").string(),
                          "--data-dir", (home / "d").string(), "--port", port},
                         (home / "runtime.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  std::ifstream in(run / "control.json");
  const auto control = nlohmann::json::parse(in);
  const std::string out = (home / "status.json").string();
  const std::string command =
      "curl -s -o " + out + " -H 'Authorization: Bearer " + control["token"].get<std::string>() +
      "' http://127.0.0.1:" + std::to_string(control["port"].get<int>()) + "/v1/status";
  REQUIRE(std::system(command.c_str()) == 0);
  std::ifstream body(out);
  const auto status = nlohmann::json::parse(body);
  CHECK(status["proxy"]["listening"] == false);
  CHECK(status["proxy"]["error"]["code"] == "PROXY_PORT_IN_USE");
  CHECK_THAT(status["proxy"]["error"]["message"].get<std::string>(), Catch::Contains(port));
  CHECK_THAT(runtime.log(), Catch::Contains("the capture proxy is off"));
  runtime.signal(SIGTERM);
  CHECK(runtime.wait() == 0);
  ::close(holder);
}

TEST_CASE("garbage on the real socket gets errors, not a crash", "[daemon][binary]") {
  TempDir home;
  const fs::path run = home / "run";
  RuntimeProcess runtime({"--runtime-dir", run.string()}, (home / "runtime.log").string());
  REQUIRE(RuntimeProcess::wait_ready(run));
  {
    SocketClient client(bridge::runtime_socket_file(run));
    client.send_raw(std::string("\x05\x00\x00\x00hello", 9));
    CHECK(client.reply().value()["code"] == "FRAME_INVALID");
    client.send_raw(std::string("\xFF\xFF\xFF\xFF", 4));
    CHECK(client.reply().value()["code"] == "FRAME_TOO_LARGE");
    CHECK(client.closed());
  }
  CHECK(bridge::runtime_status_at(run).running);
  runtime.signal(SIGTERM);
  CHECK(runtime.wait() == 0);
}

TEST_CASE("--version, --help and bad arguments", "[daemon][binary]") {
  TempDir home;
  RuntimeProcess version({"--version"}, (home / "version.log").string(), home_env(home));
  CHECK(version.wait() == 0);
  CHECK(version.log() == "postern-runtime 0.1.0\n");
  RuntimeProcess help({"--help"}, (home / "help.log").string(), home_env(home));
  CHECK(help.wait() == 0);
  RuntimeProcess bad({"--frobnicate"}, (home / "bad.log").string(), home_env(home));
  CHECK(bad.wait() == 2);
  CHECK(bad.log().find("usage:") != std::string::npos);
  CHECK_FALSE(fs::exists(home / "run"));
}
