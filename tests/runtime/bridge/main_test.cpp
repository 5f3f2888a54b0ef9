// The real postern-bridge binary (runtime/bridge/main.cpp) on pipes, as Chromium runs it: the
// reply to hello, pairing that persists across processes, an oversize length, closing stdin,
// and the runtime link: the bridge starts postern-runtime (POSTERN_RUNTIME_BINARY) or uses a
// running one, and relays sealed messages to it and its answers back. Every wait is bounded,
// and every runtime a test starts is stopped by the PID in its pid file.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "../daemon/runtime_process.hpp"
#include "bridge_process.hpp"
#include "runtime/bridge/allowed_origins.hpp"
#include "runtime/bridge/bridge_session.hpp"
#include "runtime/bridge/envelope.hpp"
#include "runtime/bridge/frame_codec.hpp"
#include "support/temp_dir.hpp"

using namespace postern::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kExtension(postern::bridge::kBuiltInExtensionOrigin);

std::map<std::string, std::string> environment(const TempDir& dir,
                                               std::map<std::string, std::string> extra) {
  extra["POSTERN_HOME"] = dir.path().string();
  extra["HOME"] = dir.path().string();
  return extra;
}

struct Bridge {
  TempDir& home;
  BridgeProcess process;
  Bridge(TempDir& dir, const std::vector<std::string>& args,
         std::map<std::string, std::string> env = {})
      : home(dir),
        process(POSTERN_BRIDGE_BINARY, args, environment(dir, std::move(env)),
                (dir / "stderr.log").string()) {}
  void send(const json& message) {
    REQUIRE(process.write(postern::bridge::encode_frame(message.dump()).value()));
  }
  json reply() {
    auto payload = process.read_frame(5s);
    REQUIRE(payload.has_value());
    return json::parse(*payload);
  }
  std::string log() const {
    std::ifstream in(home / "stderr.log");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
};

json hello(const json& key_check = nullptr) {
  return {{"type", "hello"}, {"protocol", 1}, {"key_check", key_check}};
}

}  // namespace

TEST_CASE("the real bridge answers hello and exits 0 when stdin closes", "[bridge][binary]") {
  TempDir home;
  Bridge bridge(home, {kExtension});
  REQUIRE(bridge.process.started());
  bridge.send(hello());
  json ack = bridge.reply();
  CHECK(ack["type"] == "hello_ack");
  CHECK(ack["can_pair"] == true);
  CHECK(ack["runtime"]["code"] == "RUNTIME_NOT_RUNNING");
  bridge.process.close_stdin();
  CHECK(bridge.process.wait(5s) == 0);
  CHECK(bridge.log().find("postern-bridge: started for " + kExtension) != std::string::npos);
}

TEST_CASE("pairing persists: the next process knows the key", "[bridge][binary]") {
  TempDir home;
  std::string check;
  {
    Bridge first(home, {kExtension});
    first.send(hello());
    CHECK(first.reply()["can_pair"] == true);
    first.send({{"type", "pair"}});
    json ack = first.reply();
    REQUIRE(ack["type"] == "pair_ack");
    check = ack["key_check"];
    first.process.close_stdin();
    CHECK(first.process.wait(5s) == 0);
  }
  struct stat info {};
  REQUIRE(::stat((home / "config/bridge/key.json").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  Bridge second(home, {kExtension});
  second.send(hello(check));
  CHECK(second.reply()["paired"] == true);
  second.send(hello("0000000000000000"));
  json mismatch = second.reply();
  CHECK(mismatch["type"] == "key_mismatch");
  second.process.close_stdin();
  CHECK(second.process.wait(5s) == 0);
  CHECK(second.log().find("KEY_MISMATCH") != std::string::npos);
  std::ifstream record(home / "run/bridge/last-handshake.json");
  CHECK(json::parse(record)["state"] == "key_mismatch");
}

TEST_CASE("a malformed length gets an error and a clean exit, no crash or hang",
          "[bridge][binary]") {
  TempDir home;
  Bridge bridge(home, {kExtension});
  REQUIRE(bridge.process.write(std::string("\xFF\xFF\xFF\xFF", 4)));
  json error = bridge.reply();
  CHECK(error["code"] == "FRAME_TOO_LARGE");
  CHECK(bridge.process.wait(5s) == postern::bridge::kExitBadStream);
}

TEST_CASE("garbage and a truncated frame: errors, then a clean exit", "[bridge][binary]") {
  TempDir home;
  Bridge bridge(home, {kExtension});
  REQUIRE(bridge.process.write(postern::bridge::encode_frame("\xC0\xAF not json").value()));
  CHECK(bridge.reply()["code"] == "FRAME_INVALID");
  REQUIRE(bridge.process.write(std::string("\x40\x00\x00\x00{\"type\"", 11)));
  bridge.process.close_stdin();
  CHECK(bridge.reply()["code"] == "FRAME_TRUNCATED");
  CHECK(bridge.process.wait(5s) == postern::bridge::kExitBadStream);
}

TEST_CASE("a foreign origin is refused before anything is read", "[bridge][binary]") {
  TempDir home;
  Bridge bridge(home, {"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"});
  CHECK(bridge.reply()["code"] == "ORIGIN_NOT_ALLOWED");
  CHECK(bridge.process.wait(5s) == postern::bridge::kExitRefused);
}

TEST_CASE("an origin from allowed-origins.json is accepted", "[bridge][binary]") {
  TempDir home;
  const std::string other = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";
  std::filesystem::create_directories(home / "config/bridge");
  std::ofstream(home / "config/bridge/allowed-origins.json")
      << json{{"allowed_origins", {other}}}.dump();
  Bridge bridge(home, {other});
  bridge.send(hello());
  CHECK(bridge.reply()["type"] == "hello_ack");
  bridge.process.close_stdin();
  CHECK(bridge.process.wait(5s) == 0);
}

namespace {

// Stops, by its pid file, the runtime a bridge started in `home`, even when a CHECK failed.
struct StopRuntimeAtEnd {
  const TempDir& home;
  ~StopRuntimeAtEnd() { stop_runtime_in(home / "run"); }
};

const std::map<std::string, std::string> kWithRuntime{
    {"POSTERN_RUNTIME_BINARY", POSTERN_RUNTIME_BINARY_PATH}};

json sealed(const postern::bridge::Key& key, const json& message) {
  return postern::bridge::seal(key, message.dump(), postern::bridge::kAadToBridge).value();
}

json opened(const postern::bridge::Key& key, const json& envelope) {
  REQUIRE(envelope["type"] == "sealed");
  return json::parse(
      postern::bridge::open(key, envelope, postern::bridge::kAadToExtension).value());
}

}  // namespace

TEST_CASE("the real bridge starts the runtime: hello_ack says connected, relays are acked",
          "[bridge][binary][runtime]") {
  TempDir home;
  StopRuntimeAtEnd stop{home};
  Bridge bridge(home, {kExtension}, kWithRuntime);
  bridge.send(hello());
  json ack = bridge.reply();
  REQUIRE(ack["type"] == "hello_ack");
  CHECK(ack["runtime"]["connected"] == true);
  CHECK(ack["runtime"]["code"].is_null());
  const auto pid = runtime_pid_in(home / "run");
  REQUIRE(pid.has_value());
  CHECK(ack["runtime"]["message"].get<std::string>().find("(pid " + std::to_string(*pid) + ")") !=
        std::string::npos);
  bridge.send({{"type", "pair"}});
  json paired = bridge.reply();
  REQUIRE(paired["type"] == "pair_ack");
  const auto key = postern::bridge::key_from_base64(paired["key_b64"].get<std::string>()).value();
  bridge.send(sealed(key, {{"type", "runtime.relay"}, {"id", "r1"}, {"payload", {{"x", 1}}}}));
  json relayed = opened(key, bridge.reply());
  CHECK(relayed["type"] == "relay_ack");
  CHECK(relayed["id"] == "r1");
  bridge.send(sealed(key, {{"type", "status.get"}}));
  CHECK(opened(key, bridge.reply())["runtime"]["connected"] == true);
  bridge.process.close_stdin();
  CHECK(bridge.process.wait(5s) == 0);
  std::ifstream record(home / "run/bridge/last-handshake.json");
  json handshake = json::parse(record);
  CHECK(handshake["state"] == "paired");
  CHECK(handshake["runtime"]["connected"] == true);
  CHECK(bridge.log().find("started postern-runtime (pid " + std::to_string(*pid) + ")") !=
        std::string::npos);
  // The runtime outlives the bridge: it serves the next one.
  CHECK(postern::bridge::runtime_status_at(home / "run").running);
}

TEST_CASE("the real bridge uses a runtime that is already running", "[bridge][binary][runtime]") {
  TempDir home;
  RuntimeProcess runtime({"--runtime-dir", (home / "run").string()},
                         (home / "runtime.log").string());
  REQUIRE(RuntimeProcess::wait_ready(home / "run"));
  Bridge bridge(home, {kExtension}, kWithRuntime);
  bridge.send(hello());
  json ack = bridge.reply();
  CHECK(ack["runtime"]["connected"] == true);
  bridge.process.close_stdin();
  CHECK(bridge.process.wait(5s) == 0);
  CHECK(bridge.log().find("started postern-runtime") == std::string::npos);
  std::ifstream record(home / "run/bridge/last-handshake.json");
  CHECK(json::parse(record)["runtime"]["connected"] == true);
  runtime.signal(SIGTERM);
  CHECK(runtime.wait() == 0);
}

TEST_CASE("a refused origin does not start the runtime", "[bridge][binary][runtime]") {
  TempDir home;
  Bridge bridge(home, {"chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"}, kWithRuntime);
  CHECK(bridge.reply()["code"] == "ORIGIN_NOT_ALLOWED");
  CHECK(bridge.process.wait(5s) == postern::bridge::kExitRefused);
  CHECK_FALSE(std::filesystem::exists(home / "run/postern.sock"));
  CHECK_FALSE(std::filesystem::exists(home / "run/postern-runtime.pid"));
}
