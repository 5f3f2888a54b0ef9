#pragma once
// The bridge's protocol state machine, sans-I/O (practice 11): events go in (the host started,
// bytes arrived on stdin, stdin closed, the runtime sent a message) and actions come out (send
// this frame, log this line, record this handshake outcome, exit). The host only moves bytes, so
// every conversation in docs/bridge-protocol.md is a scripted transcript in the tests.
//
// States: awaiting_hello -> hello -> ready (keys match) or awaiting_pair (hello answered, not
// paired); awaiting_pair -> pair -> ready when the key store allows it. A key mismatch is
// answered with key_mismatch and another hello may follow, so the user can type the right
// custom key without reconnecting. Damaged frames are answered with an
// error message; oversize and truncated ones end the session, since the stream cannot resync.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/bridge/allowed_origins.hpp"
#include "runtime/bridge/bridge_key_store.hpp"
#include "runtime/bridge/chunking.hpp"
#include "runtime/bridge/frame_codec.hpp"
#include "runtime/bridge/protocol.hpp"
#include "runtime/bridge/runtime_link.hpp"

namespace postern::bridge {

/// Exit status when stdin closed cleanly.
inline constexpr int kExitClean = 0;
/// Exit status when the caller's origin is not allowed.
inline constexpr int kExitRefused = 2;
/// Exit status after a frame the stream cannot recover from (oversize, truncated).
inline constexpr int kExitBadStream = 3;

/// Size limits of one session.
struct SessionLimits {
  std::size_t max_inbound_frame = kDefaultInboundCap;  ///< cap on frames from the browser
  std::size_t max_outbound_frame = kMaxOutboundFrame;  ///< larger messages go out as chunks
  std::size_t max_message = kDefaultInboundCap;        ///< cap on a reassembled chunked message
};

/// One thing the host must do.
struct Action {
  /// Which thing.
  enum class Kind {
    send,    ///< write `bytes` (one whole frame) to stdout
    log,     ///< write `text` to the log (stderr), never to stdout
    record,  ///< store `record` as the last handshake outcome, for `postern doctor`
    exit,    ///< stop reading and exit with `exit_code`
  };
  Kind kind = Kind::log;  ///< which thing
  std::string bytes;      ///< send: an encoded frame
  std::string text;       ///< log: one line
  nlohmann::json record;  ///< record: {state, origin, reason, key_kind, bridge_version}
  int exit_code = 0;      ///< exit: the process status
};

/// The actions answering one event, in order.
using Actions = std::vector<Action>;

/// One connection from one extension (one bridge process).
class BridgeSession {
 public:
  /// A session for the caller `origin`, checked against `allow_list`. `keys` and `runtime` must
  /// outlive the session.
  BridgeSession(std::string origin, AllowList allow_list, KeyStore& keys, RuntimeLink& runtime,
                SessionLimits limits = {});

  /// The host started: checks the origin. A refused origin gets an error frame and an exit.
  Actions start();
  /// Bytes read from stdin, split anywhere.
  Actions on_bytes(std::string_view bytes);
  /// stdin reached end of file.
  Actions on_eof();
  /// A message from the runtime, forwarded (sealed) when the channel is paired.
  Actions on_runtime_message(const nlohmann::json& message);

  /// True once an exit action was emitted; later events are ignored.
  bool finished() const { return state_ == State::finished; }
  /// True when the extension proved it holds the key (hello with the right key_check, or pair).
  bool paired() const { return state_ == State::ready; }

 private:
  enum class State { created, awaiting_hello, awaiting_pair, ready, finished };

  void handle_document(const nlohmann::json& message, bool from_chunk, Actions& out);
  void handle_chunk(const nlohmann::json& chunk, Actions& out);
  void handle_hello(const nlohmann::json& message, Actions& out);
  void answer_hello(const Hello& hello, const std::optional<BridgeKey>& stored, Actions& out);
  void handle_pair(Actions& out);
  void handle_sealed(const nlohmann::json& envelope, Actions& out);
  void handle_inner(const nlohmann::json& message, Actions& out);
  void handle_frame_error(const FrameEvent& event, Actions& out);

  KeyState key_state(const std::optional<BridgeKey>& stored) const;
  void send(const nlohmann::json& message, Actions& out);
  void send_error(std::string_view code, const std::string& message, std::string_view remedy,
                  Actions& out, const nlohmann::json& in_reply_to = nullptr);
  void log(std::string text, Actions& out) const;
  void record(std::string_view state, Actions& out, nlohmann::json extra = {}) const;
  void finish(int exit_code, Actions& out);

  std::string origin_;
  AllowList allow_list_;
  KeyStore& keys_;
  RuntimeLink& runtime_;
  SessionLimits limits_;
  FrameDecoder decoder_;
  ChunkAssembler assembler_;
  State state_ = State::created;
  std::optional<BridgeKey> key_;  // the key in use once paired
  std::uint64_t next_chunk_id_ = 1;
};

}  // namespace postern::bridge
