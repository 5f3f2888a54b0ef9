#pragma once
// An OpenSSL BIO that reads and writes a non-blocking socket directly, after first handing out
// bytes already read from it (the ClientHello the proxy read to learn the SNI).
//
// Why not OpenSSL's own socket BIO: it cannot start with bytes read before. Why not Asio's SSL
// engine: it moves every TLS record through a memory BIO pair and its own buffers, two copies
// and ~70 KiB per connection that a proxy with a few hundred TLS connections feels (issue 4's
// RSS and HTTPS throughput). With this BIO, OpenSSL's record layer talks to the socket itself.

#include <openssl/bio.h>

#include <span>
#include <string>

namespace postern::proxy {

/// A new BIO over `fd` (not owned: the caller closes the socket) that yields `prefix` first.
/// Reads and writes never block: "try again" is signalled the usual BIO way (retry flags).
/// nullptr when OpenSSL cannot allocate it.
BIO* make_socket_bio(int fd, std::string prefix);

/// Room for up to `size` bytes that the caller reads from the socket itself (through the event
/// loop), handed out before the socket is read again. Only while nothing is left to hand out,
/// which is the case whenever OpenSSL has just asked to read.
std::span<char> socket_bio_input_room(BIO* bio, std::size_t size);
/// How many bytes of that room the caller's read filled (then handed out first).
void socket_bio_input_filled(BIO* bio, std::size_t size);
/// The caller's read failed with `errno_value` (0: the peer closed its side); the next read
/// reports it as a read of the socket itself would have.
void socket_bio_input_failed(BIO* bio, int errno_value);

/// The errno of the last failed read or write on a BIO made by make_socket_bio (0: none, or
/// the peer closed the connection cleanly), for an SSL_ERROR_SYSCALL to name its cause.
int socket_bio_last_errno(BIO* bio);

}  // namespace postern::proxy
