#pragma once
// Helpers for scripted bridge transcripts: frames in, decoded (and opened) messages out, and a
// key store in memory, so BridgeSession tests need no files, pipes or processes.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "runtime/bridge/bridge_key_store.hpp"
#include "runtime/bridge/bridge_session.hpp"
#include "runtime/bridge/chunking.hpp"
#include "runtime/bridge/envelope.hpp"
#include "runtime/bridge/errc.hpp"
#include "runtime/bridge/frame_codec.hpp"
#include "runtime/bridge/protocol.hpp"

namespace postern::testing {

/// A KeyStore in memory; `corrupt` makes every call fail as a damaged key file would.
class MemoryKeyStore final : public bridge::KeyStore {
 public:
  std::optional<bridge::BridgeKey> key;  ///< what "the file" holds
  bool corrupt = false;                  ///< behave like a damaged file
  bool fail_writes = false;              ///< behave like a read-only disk
  int saves = 0;                         ///< how many times save() succeeded

  base::Result<std::optional<bridge::BridgeKey>> load() override {
    if (corrupt) return damaged();
    return key;
  }
  base::Status_or_error save(const bridge::BridgeKey& value) override {
    if (corrupt) return damaged();
    if (fail_writes)
      return base::Error{make_error_code(bridge::errc::key_file_write_failed), "disk full", ""};
    key = value;
    ++saves;
    return base::Ok{};
  }

 private:
  static base::Error damaged() {
    return base::Error{make_error_code(bridge::errc::key_file_corrupt), "key.json is damaged",
                       "move it aside"};
  }
};

/// One frame holding `message`.
inline std::string frame(const nlohmann::json& message) {
  return bridge::encode_frame(message.dump(), SIZE_MAX).value();
}

/// One frame holding `message` sealed for the bridge with `key`.
inline std::string sealed_frame(const bridge::Key& key, const nlohmann::json& message) {
  return frame(bridge::seal(key, message.dump(), bridge::kAadToBridge).value());
}

/// What a session did: messages sent (chunks reassembled, envelopes opened when `key` is
/// given), log lines, records and the exit status.
struct Transcript {
  std::vector<nlohmann::json> sent;     ///< messages as the extension reads them
  std::vector<nlohmann::json> raw;      ///< frames as they went over the pipe
  std::vector<std::string> logs;        ///< log lines
  std::vector<nlohmann::json> records;  ///< handshake outcomes
  std::optional<int> exit_code;         ///< set when the session exited
  std::size_t largest_frame = 0;        ///< biggest payload sent, in bytes
};

/// Decodes `actions` the way the extension would; sealed messages are opened with `key`.
inline Transcript read_actions(const bridge::Actions& actions,
                               const std::optional<bridge::Key>& key = std::nullopt) {
  Transcript t;
  bridge::FrameDecoder decoder(SIZE_MAX);
  bridge::ChunkAssembler assembler;
  for (const auto& action : actions) {
    if (action.kind == bridge::Action::Kind::log) t.logs.push_back(action.text);
    if (action.kind == bridge::Action::Kind::record) t.records.push_back(action.record);
    if (action.kind == bridge::Action::Kind::exit) t.exit_code = action.exit_code;
    if (action.kind != bridge::Action::Kind::send) continue;
    decoder.feed(action.bytes);
    auto event = decoder.next();
    REQUIRE(event.kind == bridge::FrameEvent::Kind::frame);
    t.largest_frame = std::max(t.largest_frame, event.payload.size());
    t.raw.push_back(event.message);
    nlohmann::json message = event.message;
    if (message["type"] == "chunk") {
      auto outcome = assembler.add(message);
      REQUIRE(outcome.error == bridge::ChunkError::none);
      if (!outcome.message) continue;
      message = nlohmann::json::parse(*outcome.message);
    }
    if (message["type"] == "sealed" && key) {
      auto plain = bridge::open(*key, message, bridge::kAadToExtension);
      REQUIRE(plain.has_value());
      message = nlohmann::json::parse(plain.value());
    }
    t.sent.push_back(message);
  }
  return t;
}

/// The hello an extension sends; `key_check` empty means "I have no key".
inline nlohmann::json hello(const std::optional<std::string>& key_check = std::nullopt) {
  return {{"type", "hello"},
          {"protocol", 1},
          {"extension_version", "0.1.0"},
          {"key_check", key_check ? nlohmann::json(*key_check) : nlohmann::json(nullptr)}};
}

}  // namespace postern::testing
