#pragma once
// Stable codes shown to users and used in docs, --json output and the wizard. Four come from the
// Interceptor seed (CHROME_NOT_INSTALLED, INTERNET_CONNECTIVITY, FILE_PERMISSIONS_REQUIRED,
// REGISTRY_ACCESS_NEEDED); the rest are finer so a user never has to guess.

#include <string_view>

namespace postern::base::codes {

// --- CA files ---
inline constexpr std::string_view ca_missing = "CA_MISSING";  ///< no CA yet
inline constexpr std::string_view ca_invalid =
    "CA_INVALID";  ///< corrupt, expired, mismatched or foreign CA file
inline constexpr std::string_view key_exposed = "CA_KEY_EXPOSED";  ///< key readable by others

// --- trust stores ---
inline constexpr std::string_view ca_not_trusted =
    "CA_NOT_TRUSTED";  ///< a TLS client does not trust our CA
inline constexpr std::string_view store_not_present = "STORE_NOT_PRESENT";
inline constexpr std::string_view tool_missing =
    "TOOL_MISSING";  ///< certutil, update-ca-certificates, ...
inline constexpr std::string_view nss_db_not_initialised = "NSS_DB_NOT_INITIALISED";
inline constexpr std::string_view command_failed =
    "COMMAND_FAILED";  ///< a store tool ran and failed
inline constexpr std::string_view privileges_required =
    "PRIVILEGES_REQUIRED";  ///< needs root/admin; command given
inline constexpr std::string_view file_permissions_required = "FILE_PERMISSIONS_REQUIRED";
inline constexpr std::string_view file_write_failed =
    "FILE_WRITE_FAILED";  ///< read-only file system, disk full
inline constexpr std::string_view trust_probe_failed =
    "TRUST_PROBE_FAILED";  ///< the live TLS probe could not run
inline constexpr std::string_view ca_still_trusted =
    "CA_STILL_TRUSTED";  ///< removed, yet another copy is trusted
inline constexpr std::string_view registry_access_needed = "REGISTRY_ACCESS_NEEDED";
inline constexpr std::string_view unsupported = "UNSUPPORTED";  ///< not available on this OS

// --- the runtime's outbound connectivity (runtime/requester/connectivity.hpp) ---
inline constexpr std::string_view internet_connectivity =
    "INTERNET_CONNECTIVITY";  ///< the runtime cannot reach the check URL through its proxy
inline constexpr std::string_view settings_invalid =
    "SETTINGS_INVALID";  ///< <config>/settings.json cannot be read or has a bad field

// --- install ledger ---
inline constexpr std::string_view ledger_corrupt = "LEDGER_CORRUPT";

// --- browsers and native messaging (registry/) ---
inline constexpr std::string_view chrome_not_installed =
    "CHROME_NOT_INSTALLED";  ///< no supported browser found at all (not "a folder is missing")
inline constexpr std::string_view nm_policy_blocked =
    "NM_POLICY_BLOCKED";  ///< an enterprise policy blocks user-level or our native host
inline constexpr std::string_view browser_sandboxed =
    "BROWSER_SANDBOXED";  ///< a snap / Flatpak browser cannot start hosts outside its sandbox
inline constexpr std::string_view manifest_invalid =
    "MANIFEST_INVALID";  ///< a host manifest the browser would reject (bad JSON, field or rule)
inline constexpr std::string_view manifest_missing =
    "MANIFEST_MISSING";  ///< our host manifest (or its registry key) is not there
inline constexpr std::string_view origin_not_allowed =
    "ORIGIN_NOT_ALLOWED";  ///< our extension is not in the manifest's or the bridge's allow-list
inline constexpr std::string_view host_not_executable =
    "HOST_NOT_EXECUTABLE";  ///< the manifest's path is missing or cannot be executed
inline constexpr std::string_view foreign_manifest =
    "FOREIGN_MANIFEST";  ///< a file at our manifest path that is not ours; never overwritten

// --- native-messaging bridge (runtime/bridge, docs/bridge-protocol.md) ---
// (ORIGIN_NOT_ALLOWED above also names a caller the bridge's allow-list refuses.)
inline constexpr std::string_view key_mismatch =
    "KEY_MISMATCH";  ///< extension and bridge hold different keys (or one has none)
inline constexpr std::string_view runtime_not_running =
    "RUNTIME_NOT_RUNNING";  ///< the bridge cannot reach postern-runtime
inline constexpr std::string_view frame_invalid =
    "FRAME_INVALID";  ///< a frame is empty, not UTF-8, or not JSON
inline constexpr std::string_view frame_too_large =
    "FRAME_TOO_LARGE";  ///< a frame's length is over the cap; the bridge stops reading
inline constexpr std::string_view frame_truncated =
    "FRAME_TRUNCATED";  ///< input ended in the middle of a frame
inline constexpr std::string_view message_invalid =
    "MESSAGE_INVALID";  ///< JSON, but not a message: no type, or a field of the wrong kind
inline constexpr std::string_view message_unknown =
    "MESSAGE_UNKNOWN";  ///< a message type this bridge does not know
inline constexpr std::string_view chunk_invalid =
    "CHUNK_INVALID";  ///< a chunk of a split message is malformed, duplicated or missing
inline constexpr std::string_view envelope_invalid =
    "ENVELOPE_INVALID";  ///< a sealed envelope is malformed (fields, base64, sizes)
inline constexpr std::string_view envelope_required =
    "ENVELOPE_REQUIRED";  ///< after pairing, messages must be sealed
inline constexpr std::string_view not_paired =
    "NOT_PAIRED";  ///< a message that needs a paired channel arrived before pairing
inline constexpr std::string_view already_paired =
    "ALREADY_PAIRED";  ///< the install key was already handed to this origin once
inline constexpr std::string_view custom_key_required =
    "CUSTOM_KEY_REQUIRED";  ///< the bridge uses a custom key: enter it in the extension
inline constexpr std::string_view custom_key_invalid =
    "CUSTOM_KEY_INVALID";  ///< a custom key is under 10 characters or not alphanumeric
inline constexpr std::string_view key_store_corrupt =
    "KEY_STORE_CORRUPT";  ///< the bridge key file is damaged; never overwritten silently
inline constexpr std::string_view key_store_write_failed =
    "KEY_STORE_WRITE_FAILED";  ///< the bridge key file could not be written
inline constexpr std::string_view allow_list_invalid =
    "ALLOW_LIST_INVALID";  ///< the bridge's allowed-origins.json is damaged
inline constexpr std::string_view protocol_unsupported =
    "PROTOCOL_UNSUPPORTED";  ///< the extension speaks a protocol version the bridge does not
inline constexpr std::string_view bridge_internal_error =
    "INTERNAL_ERROR";  ///< an unexpected failure (crypto library, out of memory)

// --- runtime socket (runtime/daemon, docs/runtime-socket.md) ---
// (RUNTIME_NOT_RUNNING above also covers "no socket", "refused" and "started but never came up".)
inline constexpr std::string_view runtime_not_responding =
    "RUNTIME_NOT_RESPONDING";  ///< the runtime's socket accepted, but no answer came in time
inline constexpr std::string_view runtime_foreign_socket =
    "RUNTIME_FOREIGN_SOCKET";  ///< the runtime socket is held by another user; never used
inline constexpr std::string_view runtime_busy =
    "RUNTIME_BUSY";  ///< the runtime already serves its maximum number of clients
inline constexpr std::string_view hello_required =
    "HELLO_REQUIRED";  ///< a runtime-socket request came before the client's hello
inline constexpr std::string_view request_not_allowed =
    "REQUEST_NOT_ALLOWED";  ///< a request this kind of client may not make (bridge -> shutdown)

// --- capture proxy (runtime/proxy, docs/proxy.md) ---
inline constexpr std::string_view proxy_port_in_use =
    "PROXY_PORT_IN_USE";  ///< another program listens on the proxy's port; the runtime runs on
inline constexpr std::string_view proxy_listen_failed =
    "PROXY_LISTEN_FAILED";  ///< the proxy cannot listen for another reason (privileged port, ...)

}  // namespace postern::base::codes
