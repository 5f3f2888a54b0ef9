#pragma once
// The header transforms a forward proxy applies between the two connections, as pure functions
// on heads (practice 13): hop-by-hop fields go, absolute-form becomes origin-form with Host taken
// from the target (RFC 9112 §3.2.2), and the proxy states its own connection wishes. Framing
// fields stay: bodies are forwarded in the framing they arrived in.
//
// Versions are kept as received. RFC 9110 §2.5 asks an intermediary to send its own version,
// but an HTTP/1.0 client asked upstream as HTTP/1.1 could get a chunked body it cannot read,
// and passthrough forwarding does not re-frame. Keeping the version keeps both hops agreed.

#include "runtime/proxy/message_head.hpp"

namespace postern::proxy {

/// What the proxy wants for the connection the forwarded message goes out on.
struct ForwardOptions {
  /// Pass an upgrade through (WebSocket): keep Upgrade and list "upgrade" in Connection, when
  /// the message offers (request) or accepts (101 response) one.
  bool keep_upgrade = false;
  /// Ask the receiver to close after this exchange ("Connection: close").
  bool close = false;
  /// Say "Connection: keep-alive": HTTP/1.0 peers close after every exchange without it.
  bool announce_keep_alive = false;
};

/// The request to send upstream for `client`: origin-form target (absolute-form rewritten, the
/// Host field replaced by the target's authority, or added first when missing), hop-by-hop and
/// Proxy-* fields removed, Connection rebuilt from `options`. `raw` is left empty.
RequestHead upstream_request(const RequestHead& client, const ForwardOptions& options = {});

/// The response to send the client for `upstream`: hop-by-hop fields removed and Connection
/// rebuilt from `options`; Upgrade kept only on a 101 with `keep_upgrade`. `raw` is left empty.
ResponseHead downstream_response(const ResponseHead& upstream, const ForwardOptions& options = {});

}  // namespace postern::proxy
