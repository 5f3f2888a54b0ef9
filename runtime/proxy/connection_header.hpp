#pragma once
// The Connection field and what follows from it (RFC 9110 §7.6.1, RFC 9112 §9): which fields
// are hop-by-hop, whether the connection stays open, and whether the client asks to upgrade.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/proxy/header_fields.hpp"
#include "runtime/proxy/message_head.hpp"

namespace postern::proxy {

/// The options of a message's Connection fields (and of the legacy Proxy-Connection, which
/// clients of old sent to proxies in its place).
struct ConnectionOptions {
  bool close = false;               ///< "close" is listed
  bool keep_alive = false;          ///< "keep-alive" is listed
  bool upgrade = false;             ///< "upgrade" is listed
  std::vector<std::string> tokens;  ///< every option, lower case, in order, duplicates dropped
};

/// Fields that are hop-by-hop whatever Connection says: they describe one connection and must
/// not be forwarded (RFC 9110 §7.6.1, plus Proxy-Authorization, meant for this proxy alone).
/// Transfer-Encoding is hop-by-hop too, but is handled apart: see kFramingFields.
inline constexpr std::array<std::string_view, 6> kHopByHopFields = {
    "Connection", "Proxy-Connection", "Keep-Alive", "TE", "Upgrade", "Proxy-Authorization"};

/// Fields a Connection option may never remove. A body forwarded in the framing it arrived in
/// needs its framing fields, and Host is rewritten by the proxy itself; "Connection:
/// Content-Length" is otherwise a way to make the upstream read a different body.
inline constexpr std::array<std::string_view, 3> kFramingFields = {"Content-Length",
                                                                   "Transfer-Encoding", "Host"};

/// Reads the Connection and Proxy-Connection fields of `fields`.
ConnectionOptions parse_connection_options(const HeaderFields& fields);

/// True when `name` must not be forwarded: a standard hop-by-hop field, or one named by a
/// Connection option (except the framing fields).
bool is_hop_by_hop(std::string_view name, const ConnectionOptions& options);

/// Whether the connection stays open after this message (RFC 9112 §9.3): "close" ends it; an
/// HTTP/1.1 message keeps it by default, an HTTP/1.0 one only with "keep-alive".
bool keeps_alive(const HttpVersion& version, const ConnectionOptions& options);

/// The protocols an Upgrade field offers, in order; empty unless Connection lists "upgrade"
/// (RFC 9110 §7.8: Upgrade without it is to be ignored, it may come from an old hop).
std::vector<std::string> upgrade_protocols(const HeaderFields& fields);

/// True for a WebSocket opening handshake (RFC 6455 §4.1): an HTTP/1.1 GET whose Connection
/// lists "upgrade" and whose Upgrade offers "websocket".
bool is_websocket_upgrade(const RequestHead& request);

}  // namespace postern::proxy
