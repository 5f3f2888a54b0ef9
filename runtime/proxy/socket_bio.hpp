#pragma once
// An OpenSSL BIO that reads and writes a non-blocking socket directly, after first handing out
// bytes already read from it (the ClientHello the proxy read to learn the SNI).
//
// Why not OpenSSL's own socket BIO: it cannot start with bytes read before. Why not Asio's SSL
// engine: it moves every TLS record through a memory BIO pair and its own buffers, two copies
// and ~70 KiB per connection that a proxy with a few hundred TLS connections feels (issue 4's
// RSS and HTTPS throughput). With this BIO, OpenSSL's record layer talks to the socket itself.

#include <openssl/bio.h>

#include <string>

namespace postern::proxy {

/// A new BIO over `fd` (not owned: the caller closes the socket) that yields `prefix` first.
/// Reads and writes never block: "try again" is signalled the usual BIO way (retry flags).
/// nullptr when OpenSSL cannot allocate it.
BIO* make_socket_bio(int fd, std::string prefix);

/// The errno of the last failed read or write on a BIO made by make_socket_bio (0: none, or
/// the peer closed the connection cleanly), for an SSL_ERROR_SYSCALL to name its cause.
int socket_bio_last_errno(BIO* bio);

}  // namespace postern::proxy
