// The real postern-bridge binary (runtime/bridge/main.cpp) on pipes, as Chromium runs it: the
// reply to hello, pairing that persists across processes, an oversize length, closing stdin.
// Every wait is bounded, so a hang fails the test instead of stalling the run.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "bridge_process.hpp"
#include "runtime/bridge/allowed_origins.hpp"
#include "runtime/bridge/bridge_session.hpp"
#include "runtime/bridge/frame_codec.hpp"
#include "support/temp_dir.hpp"

using namespace postern::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kExtension(postern::bridge::kBuiltInExtensionOrigin);

struct Bridge {
  TempDir& home;
  BridgeProcess process;
  Bridge(TempDir& dir, const std::vector<std::string>& args)
      : home(dir),
        process(POSTERN_BRIDGE_BINARY, args,
                {{"POSTERN_HOME", dir.path().string()}, {"HOME", dir.path().string()}},
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
