// Scripted transcripts of BridgeSession (practice 11): frames in, messages out, no I/O.
#include "runtime/bridge/bridge_session.hpp"

#include <catch2/catch.hpp>

#include "session_transcript.hpp"

using namespace postern::bridge;
using namespace postern::testing;
using nlohmann::json;

namespace {

const std::string kExtension(kBuiltInExtensionOrigin);
const std::string kSecondBrowser = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";

struct Harness {
  MemoryKeyStore keys;
  NullRuntimeLink runtime;
  std::optional<BridgeSession> session;

  Transcript start(const std::string& origin = kExtension, SessionLimits limits = {}) {
    session.emplace(origin, AllowList({kExtension, kSecondBrowser}), keys, runtime, limits);
    return read_actions(session->start());
  }
  Transcript send(const std::string& bytes) {
    return read_actions(session->on_bytes(bytes), key());
  }
  Transcript send(const json& message) { return send(frame(message)); }
  std::optional<Key> key() const {
    return keys.key ? std::optional<Key>(keys.key->key) : std::nullopt;
  }
};

}  // namespace

TEST_CASE("an origin that is not allowed gets ORIGIN_NOT_ALLOWED and an exit",
          "[bridge][session]") {
  Harness h;
  auto t = h.start("chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/");
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0]["type"] == "error");
  CHECK(t.sent[0]["code"] == "ORIGIN_NOT_ALLOWED");
  CHECK(t.exit_code == kExitRefused);
  REQUIRE(t.records.size() == 1);
  CHECK(t.records[0]["state"] == "origin_not_allowed");
  CHECK(h.session->finished());
  CHECK(h.send(hello()).sent.empty());                         // nothing is read after the refusal
  CHECK(h.start("").sent[0]["code"] == "ORIGIN_NOT_ALLOWED");  // run by hand, no argument
}

TEST_CASE("first connect pairs: the key is handed over exactly once", "[bridge][session]") {
  Harness h;
  CHECK(h.start().sent.empty());
  auto t = h.send(hello());
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0]["type"] == "hello_ack");
  CHECK(t.sent[0]["paired"] == false);
  CHECK(t.sent[0]["can_pair"] == true);
  CHECK(t.sent[0]["runtime"]["code"] == "RUNTIME_NOT_RUNNING");
  CHECK(t.records[0]["state"] == "unpaired");

  t = h.send(json{{"type", "pair"}});
  REQUIRE(t.sent.size() == 1);
  REQUIRE(t.sent[0]["type"] == "pair_ack");
  REQUIRE(h.keys.key.has_value());
  CHECK(t.sent[0]["key_b64"] == key_to_base64(h.keys.key->key));
  CHECK(t.sent[0]["key_check"] == key_check(h.keys.key->key));
  CHECK(h.keys.key->paired_origins == std::vector<std::string>{kExtension});
  CHECK(h.session->paired());
  CHECK(t.records[0]["state"] == "paired");

  SECTION("a second pair in the same connection is refused") {
    t = h.send(json{{"type", "pair"}});
    CHECK(t.sent[0]["code"] == "ALREADY_PAIRED");
  }
  SECTION("sealed traffic flows; replies are sealed") {
    const Key key = h.keys.key->key;
    t = h.send(sealed_frame(key, {{"type", "status.get"}}));
    REQUIRE(t.raw.size() == 1);
    CHECK(t.raw[0]["type"] == "sealed");
    CHECK(t.sent[0]["type"] == "status");
    CHECK(t.sent[0]["paired"] == true);
    CHECK(t.sent[0]["runtime"]["connected"] == false);
    t = h.send(sealed_frame(key, {{"type", "runtime.relay"}, {"id", 9}, {"payload", {}}}));
    CHECK(t.sent[0]["code"] == "RUNTIME_NOT_RUNNING");
    CHECK(t.sent[0]["in_reply_to"] == 9);
  }
  SECTION("a reconnect from the same origin without a key is a named mismatch") {
    const int saves = h.keys.saves;
    h.start();
    t = h.send(hello());
    CHECK(t.sent[0]["type"] == "key_mismatch");
    CHECK(t.sent[0]["reason"] == "extension_has_no_key");
    CHECK(t.sent[0]["can_pair"] == false);
    t = h.send(json{{"type", "pair"}});
    CHECK(t.sent[0]["code"] == "ALREADY_PAIRED");
    CHECK(h.keys.saves == saves);  // the key was not handed over again
  }
  SECTION("another allowed browser gets the same install key, once") {
    h.start(kSecondBrowser);
    h.send(hello());
    t = h.send(json{{"type", "pair"}});
    CHECK(t.sent[0]["key_check"] == key_check(h.keys.key->key));
    CHECK(h.keys.key->paired_origins.size() == 2);
  }
}

TEST_CASE("second connect with the right key check is paired", "[bridge][session]") {
  Harness h;
  h.keys.key = BridgeKey{KeyKind::install, generate_install_key().value(), {kExtension}};
  h.start();
  auto t = h.send(hello(key_check(h.keys.key->key)));
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0]["type"] == "hello_ack");
  CHECK(t.sent[0]["paired"] == true);
  CHECK(t.sent[0]["key_kind"] == "install");
  CHECK(h.session->paired());
  CHECK(h.keys.saves == 0);
}

TEST_CASE("a wrong key check is named KEY_MISMATCH on the bridge's side too", "[bridge][session]") {
  Harness h;
  h.keys.key = BridgeKey{KeyKind::install, generate_install_key().value(), {kExtension}};
  h.start();
  auto t = h.send(hello("0000000000000000"));
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0]["type"] == "key_mismatch");
  CHECK(t.sent[0]["code"] == "KEY_MISMATCH");
  CHECK(t.sent[0]["reason"] == "keys_differ");
  CHECK(t.sent[0]["extension_key_check"] == "0000000000000000");
  CHECK(t.sent[0]["key_check"] == key_check(h.keys.key->key));
  CHECK_FALSE(h.session->paired());
  REQUIRE(t.logs.size() == 1);
  CHECK(t.logs[0].find("KEY_MISMATCH") != std::string::npos);
  CHECK(t.records[0]["state"] == "key_mismatch");
  // Sealed traffic is refused until a hello matches; then the same connection recovers.
  CHECK(h.send(sealed_frame(h.keys.key->key, {{"type", "status.get"}})).sent[0]["code"] ==
        "NOT_PAIRED");
  CHECK(h.send(hello(key_check(h.keys.key->key))).sent[0]["paired"] == true);
}

TEST_CASE("custom keys are never handed over", "[bridge][session]") {
  Harness h;
  const Key custom = derive_custom_key("abcdefghij1234567890").value();
  h.keys.key = BridgeKey{KeyKind::custom, custom, {}};
  h.start();
  auto t = h.send(hello());
  CHECK(t.sent[0]["type"] == "key_mismatch");
  CHECK(t.sent[0]["reason"] == "custom_key_required");
  CHECK(t.sent[0]["key_kind"] == "custom");
  t = h.send(json{{"type", "pair"}});
  CHECK(t.sent[0]["code"] == "CUSTOM_KEY_REQUIRED");
  t = h.send(hello(key_check(custom)));
  CHECK(t.sent[0]["paired"] == true);
  CHECK(t.sent[0]["key_kind"] == "custom");
}

TEST_CASE("a bridge that lost its key file offers pairing again", "[bridge][session]") {
  Harness h;
  h.start();
  auto t = h.send(hello("0123456789abcdef"));
  CHECK(t.sent[0]["type"] == "key_mismatch");
  CHECK(t.sent[0]["reason"] == "bridge_has_no_key");
  CHECK(t.sent[0]["can_pair"] == true);
  CHECK(h.send(json{{"type", "pair"}}).sent[0]["type"] == "pair_ack");
}

TEST_CASE("key store failures are named, and no key is handed over", "[bridge][session]") {
  Harness h;
  SECTION("damaged key file") {
    h.keys.corrupt = true;
    h.start();
    auto t = h.send(hello());
    CHECK(t.sent[0]["code"] == "KEY_STORE_CORRUPT");
    CHECK(t.records[0]["state"] == "key_store_error");
    CHECK(h.send(json{{"type", "pair"}}).sent[0]["code"] == "KEY_STORE_CORRUPT");
  }
  SECTION("key file cannot be written") {
    h.keys.fail_writes = true;
    h.start();
    h.send(hello());
    auto t = h.send(json{{"type", "pair"}});
    REQUIRE(t.sent.size() == 1);
    CHECK(t.sent[0]["code"] == "KEY_STORE_WRITE_FAILED");
    CHECK_FALSE(h.session->paired());
  }
}

TEST_CASE("garbage gets an error frame and the session goes on", "[bridge][session]") {
  Harness h;
  h.start();
  const std::string not_utf8 = "{\"a\":\"\xC0\xAF\"}";
  const std::pair<std::string, const char*> cases[] = {
      {encode_frame("{oops").value(), "FRAME_INVALID"},
      {encode_frame(not_utf8).value(), "FRAME_INVALID"},
      {encode_frame("").value(), "FRAME_INVALID"},
      {frame(json::array({1, 2})), "MESSAGE_INVALID"},
      {frame({{"type", 42}}), "MESSAGE_INVALID"},
      {frame({{"type", "launch.missiles"}, {"id", "r1"}}), "MESSAGE_UNKNOWN"},
      {frame({{"type", "pair"}}), "MESSAGE_INVALID"},  // pair before hello
      {frame({{"type", "hello"}, {"protocol", "one"}}), "MESSAGE_INVALID"},
      {frame({{"type", "hello"}, {"protocol", 0}}), "PROTOCOL_UNSUPPORTED"},
      {frame({{"type", "status.get"}}), "NOT_PAIRED"},
      {frame({{"type", "cookies.sync"}}), "NOT_PAIRED"},
      {sealed_frame(Key{}, {{"type", "status.get"}}), "NOT_PAIRED"},
      {frame({{"type", "chunk"}, {"id", 1}}), "CHUNK_INVALID"},
  };
  for (const auto& [bytes, code] : cases) {
    INFO(code);
    auto t = h.send(bytes);
    REQUIRE(t.sent.size() == 1);
    CHECK(t.sent[0]["type"] == "error");
    CHECK(t.sent[0]["code"] == code);
    CHECK_FALSE(t.exit_code.has_value());
  }
  CHECK(h.send(frame({{"type", "launch.missiles"}, {"id", "r1"}})).sent[0]["in_reply_to"] == "r1");
  CHECK(h.send(hello()).sent[0]["type"] == "hello_ack");  // still alive
}

TEST_CASE("after pairing, plain requests and bad envelopes are refused", "[bridge][session]") {
  Harness h;
  h.keys.key = BridgeKey{KeyKind::install, generate_install_key().value(), {kExtension}};
  const Key key = h.keys.key->key;
  h.start();
  h.send(hello(key_check(key)));
  CHECK(h.send(frame({{"type", "status.get"}})).sent[0]["code"] == "ENVELOPE_REQUIRED");
  auto other = h.send(sealed_frame(generate_install_key().value(), {{"type", "status.get"}}));
  CHECK(other.sent[0]["code"] == "KEY_MISMATCH");
  CHECK(other.logs.at(0).find("KEY_MISMATCH") != std::string::npos);
  json broken = seal(key, "{}", kAadToBridge).value();
  broken["iv"] = "!!";
  CHECK(h.send(frame(broken)).sent[0]["code"] == "ENVELOPE_INVALID");
  // Sealed for the other direction: a reflected bridge message does not open.
  CHECK(h.send(frame(seal(key, R"({"type":"status.get"})", kAadToExtension).value()))
            .sent[0]["code"] == "KEY_MISMATCH");
  CHECK(h.send(sealed_frame(key, {{"type", "hello"}, {"protocol", 1}})).sent[0]["code"] ==
        "MESSAGE_INVALID");
  CHECK(h.send(sealed_frame(key, {{"type", "nope"}})).sent[0]["code"] == "MESSAGE_UNKNOWN");
  CHECK(h.send(frame(seal(key, "not json", kAadToBridge).value())).sent[0]["code"] ==
        "FRAME_INVALID");
  CHECK(h.send(sealed_frame(key, {{"type", "status.get"}})).sent[0]["type"] == "status");
}

TEST_CASE("oversize and truncated frames end the session cleanly", "[bridge][session]") {
  Harness h;
  SECTION("oversize, from the header alone") {
    SessionLimits limits;
    limits.max_inbound_frame = 1000;
    h.start(kExtension, limits);
    auto t = h.send(std::string("\xE9\x03\x00\x00", 4));  // 1001
    REQUIRE(t.sent.size() == 1);
    CHECK(t.sent[0]["code"] == "FRAME_TOO_LARGE");
    CHECK(t.exit_code == kExitBadStream);
    CHECK(h.session->finished());
  }
  SECTION("truncated at end of input") {
    h.start();
    CHECK(h.send(frame(hello()).substr(0, 10)).sent.empty());
    auto t = read_actions(h.session->on_eof());
    CHECK(t.sent[0]["code"] == "FRAME_TRUNCATED");
    CHECK(t.exit_code == kExitBadStream);
  }
  SECTION("a clean end of input exits 0") {
    h.start();
    h.send(hello());
    auto t = read_actions(h.session->on_eof());
    CHECK(t.sent.empty());
    CHECK(t.exit_code == kExitClean);
    CHECK(read_actions(h.session->on_eof()).logs.empty());  // finished: nothing more
  }
}

TEST_CASE("a hello fed byte by byte is answered once, when complete", "[bridge][session]") {
  Harness h;
  h.start();
  const std::string bytes = frame(hello());
  std::size_t answers = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    auto t = h.send(bytes.substr(i, 1));
    answers += t.sent.size();
    if (i + 1 < bytes.size()) CHECK(t.sent.empty());
  }
  CHECK(answers == 1);
}

TEST_CASE("large messages go out as chunks of at most 1 MiB, sealed", "[bridge][session]") {
  Harness h;
  h.keys.key = BridgeKey{KeyKind::install, generate_install_key().value(), {kExtension}};
  h.start();
  h.send(hello(key_check(h.keys.key->key)));
  const json big{{"type", "runtime.relay"}, {"payload", std::string(3 * 1024 * 1024, 'z')}};
  auto t = read_actions(h.session->on_runtime_message(big), h.key());
  CHECK(t.raw.size() >= 4);
  CHECK(t.raw[0]["type"] == "chunk");
  CHECK(t.largest_frame <= kMaxOutboundFrame);
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0] == big);
}

TEST_CASE("chunked input is reassembled; broken chunks are named", "[bridge][session]") {
  Harness h;
  h.keys.key = BridgeKey{KeyKind::install, generate_install_key().value(), {kExtension}};
  const Key key = h.keys.key->key;
  h.start();
  h.send(hello(key_check(key)));
  const json envelope =
      seal(key, json{{"type", "status.get"}, {"pad", std::string(5000, 'p')}}.dump(), kAadToBridge)
          .value();
  auto chunks = split_message(envelope.dump(), 1024, 1).value();
  REQUIRE(chunks.size() > 3);
  std::string stream;
  for (const auto& chunk : chunks)
    stream += encode_frame(chunk).value();
  auto t = h.send(stream);
  REQUIRE(t.sent.size() == 1);
  CHECK(t.sent[0]["type"] == "status");
  // The same chunks again: message id 1 is complete, so this is a replay.
  CHECK(h.send(encode_frame(chunks[0]).value()).sent[0]["code"] == "CHUNK_INVALID");
  // A chunked message holding a chunk is refused.
  auto nested = split_message(json{{"type", "chunk"}}.dump(), 1024, 2).value();
  CHECK(h.send(encode_frame(nested[0]).value()).sent[0]["code"] == "MESSAGE_INVALID");
}

TEST_CASE("runtime messages wait for pairing", "[bridge][session]") {
  Harness h;
  h.start();
  auto t = read_actions(h.session->on_runtime_message({{"type", "cookies.sync"}}));
  CHECK(t.sent.empty());
  CHECK(t.logs.size() == 1);
}
