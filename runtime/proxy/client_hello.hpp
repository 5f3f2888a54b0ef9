#pragma once
// The first bytes a client sends inside a CONNECT tunnel, read before anything answers them:
// is it TLS, and which name (SNI) and protocols (ALPN) does its ClientHello ask for? The proxy
// decides from this whether to intercept, which leaf to present, or to pass the bytes through
// (practice 11: bytes in, a decision out, no sockets). The bytes are then replayed into the TLS
// handshake or the tunnel unchanged.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace postern::proxy {

/// What the first bytes of a tunnel are.
enum class TunnelProtocol {
  need_more,  ///< too few bytes to tell; read more
  tls,        ///< a TLS ClientHello (its fields below)
  http,       ///< a plain HTTP request line starts (an HTTP client inside CONNECT)
  other,      ///< anything else: pass it through
};

/// The fields of a ClientHello a proxy uses.
struct ClientHello {
  std::string server_name;        ///< SNI host_name, lower case; empty when none was sent
  std::vector<std::string> alpn;  ///< offered ALPN protocols, in order
  bool complete = false;          ///< the whole ClientHello was parsed (else fields may be empty)
};

/// The largest prefix examined: a ClientHello with post-quantum key shares is about 2 KiB; one
/// TLS record holds at most 16 KiB plus its header.
inline constexpr std::size_t kMaxClientHelloBytes = 16384 + 5;

/// Classifies `bytes` (the start of the tunnel) and fills `hello` for TLS. A ClientHello that
/// spans several records, or one that is malformed, is still `tls` with `complete` false: the
/// TLS library is the judge of malformed handshakes, the proxy just loses the SNI.
TunnelProtocol sniff_tunnel(std::string_view bytes, ClientHello& hello);

}  // namespace postern::proxy
