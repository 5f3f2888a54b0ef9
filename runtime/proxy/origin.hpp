#pragma once
// Where an exchange goes: scheme, host and port of the origin server, plus the name its TLS
// handshake asks for. Connections to the same Origin are reused between requests.

#include <cstdint>
#include <string>

namespace postern::proxy {

/// An origin server.
struct Origin {
  std::string scheme;      ///< "http", "https", or "tunnel" (a pass-through CONNECT)
  std::string host;        ///< lower case, IPv6 without brackets
  std::uint16_t port = 0;  ///< always set
  std::string tls_name;    ///< https: the SNI to send (the client's SNI, else host)

  /// "host:port", IPv6 in brackets.
  std::string authority() const {
    const bool ipv6 = host.find(':') != std::string::npos;
    return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
  }
  friend bool operator==(const Origin&, const Origin&) = default;
};

}  // namespace postern::proxy
