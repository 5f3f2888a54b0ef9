#pragma once
// The messages between the extension and the bridge, version 1 (docs/bridge-protocol.md has the
// table of every type, its fields and who sends it). Builders here produce the bridge's messages
// and parsers check the extension's, so BridgeSession holds only the state machine.

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.hpp"
#include "runtime/bridge/bridge_key_store.hpp"
#include "runtime/bridge/runtime_link.hpp"

namespace postern::bridge {

/// The protocol version this bridge speaks.
inline constexpr int kProtocolVersion = 1;

/// The bridge's own version (the project version), sent in hello_ack and status.
std::string_view bridge_version();

/// Message type names.
namespace msg {
inline constexpr std::string_view hello = "hello";                        ///< ext -> bridge, plain
inline constexpr std::string_view hello_ack = "hello_ack";                ///< bridge -> ext, plain
inline constexpr std::string_view key_mismatch = "key_mismatch";          ///< bridge -> ext, plain
inline constexpr std::string_view pair = "pair";                          ///< ext -> bridge, plain
inline constexpr std::string_view pair_ack = "pair_ack";                  ///< bridge -> ext, plain
inline constexpr std::string_view error = "error";                        ///< bridge -> ext, either
inline constexpr std::string_view status_get = "status.get";              ///< ext -> bridge, sealed
inline constexpr std::string_view status = "status";                      ///< bridge -> ext, sealed
inline constexpr std::string_view capture_request = "capture.request";    ///< ext -> runtime
inline constexpr std::string_view capture_response = "capture.response";  ///< ext -> runtime
inline constexpr std::string_view cookies_sync = "cookies.sync";          ///< both ways
inline constexpr std::string_view runtime_relay = "runtime.relay";        ///< both ways
}  // namespace msg

/// Additional data bound into envelopes the extension seals: a message sealed for one direction
/// does not open in the other, so the bridge's own output can never be reflected back at it.
inline constexpr std::string_view kAadToBridge = "postern-bridge/1 extension->bridge";
/// Additional data bound into envelopes the bridge seals.
inline constexpr std::string_view kAadToExtension = "postern-bridge/1 bridge->extension";

/// True for the types relayed to the runtime unchanged (capture.*, cookies.sync, runtime.relay).
bool is_relayed_type(std::string_view type);

/// A parsed hello.
struct Hello {
  int protocol = 0;                      ///< the extension's protocol version
  std::optional<std::string> key_check;  ///< the extension's key check; nullopt = it has no key
  std::string extension_version;         ///< for logs and status; may be empty
};

/// Checks a hello: protocol a positive integer (errc::protocol_unsupported below 1), key_check
/// null or 16 lowercase hex digits, extension_version a string when present.
base::Result<Hello> parse_hello(const nlohmann::json& message);

/// The `type` of a message, or an error (errc::message_invalid) when it has none.
base::Result<std::string> message_type(const nlohmann::json& message);

/// What the bridge knows about the key when it answers hello.
struct KeyState {
  std::optional<KeyKind> kind;           ///< nullopt when the bridge has no key
  std::optional<std::string> key_check;  ///< key_check() of the bridge's key
  bool can_pair = false;                 ///< a pair request from this origin would succeed
};

/// hello_ack: the handshake went through; `paired` says whether sealed messages may follow.
nlohmann::json make_hello_ack(bool paired, const KeyState& key, const RuntimeStatus& runtime);

/// Why the keys do not match.
enum class MismatchReason {
  keys_differ,           ///< both have a key, and they differ
  bridge_has_no_key,     ///< the extension has a key, the bridge none (key file removed)
  extension_has_no_key,  ///< the bridge handed its key to this origin before; the extension lost it
  custom_key_required,   ///< the bridge uses a custom key and the extension has none or another
};

/// key_mismatch: the named status both sides show instead of failing silently.
nlohmann::json make_key_mismatch(MismatchReason reason, const KeyState& key,
                                 const std::optional<std::string>& extension_key_check);

/// pair_ack: hands the install key over (sent once per origin).
nlohmann::json make_pair_ack(const Key& key);

/// status: the answer to status.get.
nlohmann::json make_status(bool paired, const KeyState& key, const RuntimeStatus& runtime);

/// error: `code` is a stable code from base/codes.hpp; `in_reply_to` echoes the request's "id"
/// (null when it had none).
nlohmann::json make_error(std::string_view code, std::string_view message,
                          std::string_view remedy = "",
                          const nlohmann::json& in_reply_to = nullptr);

/// An error message for a library error (its stable code, message and remedy).
nlohmann::json make_error(const base::Error& error, const nlohmann::json& in_reply_to = nullptr);

}  // namespace postern::bridge
