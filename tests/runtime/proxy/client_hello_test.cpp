#include "runtime/proxy/client_hello.hpp"

#include <openssl/ssl.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

using namespace postern::proxy;

namespace {

// A real ClientHello, as OpenSSL's client writes it: a client SSL on memory BIOs runs its first
// handshake step, which can only write the hello and then wait for the server.
std::string openssl_hello(const char* server_name, const std::vector<std::string>& alpn) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        &SSL_CTX_free);
  REQUIRE(ctx);
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), &SSL_free);
  REQUIRE(ssl);
  BIO* in = BIO_new(BIO_s_mem());
  BIO* out = BIO_new(BIO_s_mem());
  SSL_set_bio(ssl.get(), in, out);  // the SSL owns both from here
  if (server_name) REQUIRE(SSL_set_tlsext_host_name(ssl.get(), server_name) == 1);
  std::string wire;
  for (const std::string& protocol : alpn)
    wire += static_cast<char>(protocol.size()) + protocol;
  if (!alpn.empty()) {
    REQUIRE(SSL_set_alpn_protos(ssl.get(), reinterpret_cast<const unsigned char*>(wire.data()),
                                static_cast<unsigned>(wire.size())) == 0);
  }
  SSL_set_connect_state(ssl.get());
  REQUIRE(SSL_do_handshake(ssl.get()) == -1);
  REQUIRE(SSL_get_error(ssl.get(), -1) == SSL_ERROR_WANT_READ);
  char* data = nullptr;
  const long size = BIO_get_mem_data(out, &data);
  REQUIRE(size > 0);
  return std::string(data, static_cast<std::size_t>(size));
}

// Sniffs a heap copy of exactly `bytes`, so a read past the end is a heap overflow that the
// sanitizer build reports (a std::string would hide one byte of it behind its terminator).
TunnelProtocol sniff(std::string_view bytes, ClientHello& hello) {
  const std::vector<char> exact(bytes.begin(), bytes.end());
  return sniff_tunnel(std::string_view(exact.data(), exact.size()), hello);
}

TunnelProtocol sniff(std::string_view bytes) {
  ClientHello hello;
  return sniff(bytes, hello);
}

std::string u16(std::size_t n) {
  return {static_cast<char>((n >> 8) & 0xff), static_cast<char>(n & 0xff)};
}

std::string u24(std::size_t n) {
  return static_cast<char>((n >> 16) & 0xff) + u16(n);
}

// A hand-made ClientHello around `extensions` (the bytes after the extensions' length), with
// the record and handshake lengths right, so only the extensions can be malformed.
std::string hello_with(const std::string& extensions) {
  std::string body = "\x03\x03" + std::string(32, '\x5a');  // legacy version, random
  body += std::string("\x00", 1);                           // no session id
  body += u16(2) + "\x13\x01";                              // one suite
  body += std::string("\x01\x00", 2);                       // null compression
  body += u16(extensions.size()) + extensions;
  const std::string handshake = "\x01" + u24(body.size()) + body;
  return "\x16\x03\x01" + u16(handshake.size()) + handshake;
}

std::string extension(std::uint16_t type, const std::string& data) {
  return u16(type) + u16(data.size()) + data;
}

std::string sni(const std::string& name, char type = 0) {
  const std::string entry = type + u16(name.size()) + name;
  return extension(0, u16(entry.size()) + entry);
}

// The offset just after the compression methods: a hello cut there is a complete one without
// extensions, which SSLv3-era clients send.
std::size_t end_of_fixed_fields(const std::string& record) {
  std::size_t at = 9 + 2 + 32;
  at += 1 + static_cast<unsigned char>(record[at]);
  at += 2 +
        (static_cast<unsigned char>(record[at]) << 8 | static_cast<unsigned char>(record[at + 1]));
  at += 1 + static_cast<unsigned char>(record[at]);
  return at;
}

}  // namespace

TEST_CASE("a real ClientHello gives its SNI and ALPN", "[proxy][client_hello]") {
  ClientHello hello;
  CHECK(sniff(openssl_hello("x.test", {"h2", "http/1.1"}), hello) == TunnelProtocol::tls);
  CHECK(hello.complete);
  CHECK(hello.server_name == "x.test");
  CHECK(hello.alpn == std::vector<std::string>{"h2", "http/1.1"});
}

TEST_CASE("the SNI is lowered", "[proxy][client_hello]") {
  ClientHello hello;
  CHECK(sniff(openssl_hello("API.Example.TEST", {}), hello) == TunnelProtocol::tls);
  CHECK(hello.complete);
  CHECK(hello.server_name == "api.example.test");
  CHECK(hello.alpn.empty());
}

TEST_CASE("a ClientHello without SNI has an empty name", "[proxy][client_hello]") {
  ClientHello hello;
  hello.server_name = "stale";  // every call starts from a fresh hello
  hello.alpn = {"stale"};
  CHECK(sniff(openssl_hello(nullptr, {"http/1.1"}), hello) == TunnelProtocol::tls);
  CHECK(hello.complete);
  CHECK(hello.server_name.empty());
  CHECK(hello.alpn == std::vector<std::string>{"http/1.1"});
}

TEST_CASE("every prefix of a ClientHello asks for more", "[proxy][client_hello]") {
  const std::string bytes = openssl_hello("x.test", {"h2"});
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    INFO("prefix of " << n << " bytes");
    ClientHello hello;
    REQUIRE(sniff(bytes.substr(0, n), hello) == TunnelProtocol::need_more);
    REQUIRE_FALSE(hello.complete);
  }
  ClientHello hello;
  CHECK(sniff(bytes + "early data the TLS library reads later", hello) == TunnelProtocol::tls);
  CHECK(hello.server_name == "x.test");
}

TEST_CASE("an HTTP request line is http", "[proxy][client_hello]") {
  CHECK(sniff("GET / HTTP/1.1\r\nHost: a\r\n\r\n") == TunnelProtocol::http);
  CHECK(sniff("CONNECT a:443 HTTP/1.1\r\n") == TunnelProtocol::http);
  CHECK(sniff("POST ") == TunnelProtocol::http);
  CHECK(sniff("ABCDEFGHIJKLMNOP /") == TunnelProtocol::http);  // 16 letters: the longest
  CHECK(sniff("G") == TunnelProtocol::need_more);
  CHECK(sniff("CONNEC") == TunnelProtocol::need_more);
  CHECK(sniff("ABCDEFGHIJKLMNOP") == TunnelProtocol::need_more);
  CHECK(sniff("") == TunnelProtocol::need_more);
}

TEST_CASE("anything else is other", "[proxy][client_hello]") {
  CHECK(sniff("ABCDEFGHIJKLMNOPQ") == TunnelProtocol::other);  // 17 letters, no space
  CHECK(sniff("ABCDEFGHIJKLMNOPQ / HTTP/1.1") == TunnelProtocol::other);
  CHECK(sniff("get / HTTP/1.1") == TunnelProtocol::other);  // methods are upper case
  CHECK(sniff(" GET /") == TunnelProtocol::other);
  CHECK(sniff("SSH-2.0-OpenSSH_9.6\r\n") == TunnelProtocol::other);
  CHECK(sniff(std::string("\x00\x01\x02\x03", 4)) == TunnelProtocol::other);
  CHECK(sniff(std::string("\x17\x03\x03\x00\x10", 5)) ==
        TunnelProtocol::other);  // application data record
  CHECK(sniff(std::string("\x80\x2e\x01\x00\x02", 5)) == TunnelProtocol::other);  // an SSLv2 hello
  CHECK(sniff("\xff") == TunnelProtocol::other);
}

TEST_CASE("a record announcing more than the sniffer reads", "[proxy][client_hello]") {
  const std::string header = "\x16\x03\x01" + u16(0xffff);
  std::string bytes = header + std::string(1000, '\x01');
  CHECK(sniff(bytes) == TunnelProtocol::need_more);
  bytes.resize(kMaxClientHelloBytes - 1, '\x01');
  CHECK(sniff(bytes) == TunnelProtocol::need_more);
  bytes.push_back('\x01');
  ClientHello hello;
  CHECK(sniff(bytes, hello) == TunnelProtocol::tls);  // the TLS library judges the rest
  CHECK_FALSE(hello.complete);
  CHECK(hello.server_name.empty());
}

TEST_CASE("a handshake record that is not a ClientHello is tls, incomplete",
          "[proxy][client_hello]") {
  std::string bytes = openssl_hello("x.test", {});
  bytes[5] = '\x02';  // ServerHello
  ClientHello hello;
  CHECK(sniff(bytes, hello) == TunnelProtocol::tls);
  CHECK_FALSE(hello.complete);
  CHECK(hello.server_name.empty());

  const std::string empty_record("\x16\x03\x01\x00\x00", 5);
  CHECK(sniff(empty_record, hello) == TunnelProtocol::tls);
  CHECK_FALSE(hello.complete);
}

TEST_CASE("a ClientHello spread over records is tls, incomplete", "[proxy][client_hello]") {
  const std::string bytes = openssl_hello("x.test", {"h2"});
  // The first record holds the handshake header and 40 bytes; the handshake says it is longer.
  const std::string first = "\x16\x03\x01" + u16(44) + bytes.substr(5, 44);
  ClientHello hello;
  CHECK(sniff(first + "\x16\x03\x01", hello) == TunnelProtocol::tls);
  CHECK_FALSE(hello.complete);
}

TEST_CASE("a ClientHello cut anywhere, its lengths patched to match, is incomplete",
          "[proxy][client_hello]") {
  const std::string bytes = openssl_hello("x.test", {"h2", "http/1.1"});
  const std::size_t no_extensions = end_of_fixed_fields(bytes);
  for (std::size_t n = 9; n < bytes.size(); ++n) {
    INFO("cut at " << n << " of " << bytes.size());
    std::string cut = bytes.substr(0, n);
    cut.replace(3, 2, u16(n - 5));
    cut.replace(6, 3, u24(n - 9));
    ClientHello hello;
    REQUIRE(sniff(cut, hello) == TunnelProtocol::tls);
    REQUIRE(hello.complete == (n == no_extensions));
  }
}

TEST_CASE("hand-made ClientHellos: the fields", "[proxy][client_hello]") {
  ClientHello hello;
  const std::string alpn_list = std::string("\x02h2", 3) + std::string(1, '\0') +
                                "\x03"
                                "abc";
  const std::string extensions = extension(0xff01, std::string(1, '\0')) + sni("other", 1) +
                                 sni("First.test") + sni("second.test") +
                                 extension(16, u16(alpn_list.size()) + alpn_list);
  CHECK(sniff(hello_with(extensions), hello) == TunnelProtocol::tls);
  CHECK(hello.complete);
  CHECK(hello.server_name == "first.test");  // not the non-host_name entry, not the second
  CHECK(hello.alpn == std::vector<std::string>{"h2", "abc"});  // an empty name is skipped

  CHECK(sniff(hello_with(""), hello) == TunnelProtocol::tls);
  CHECK(hello.complete);
  CHECK(hello.server_name.empty());
}

TEST_CASE("hand-made ClientHellos: malformed extensions", "[proxy][client_hello]") {
  const std::string good = sni("x.test");
  const std::vector<std::string> malformed = {
      u16(0),                                                   // a type without a length
      u16(0) + u16(100) + std::string("\x00\x04", 2),           // data longer than the block
      extension(0, u16(50) + std::string("\x00\x00\x01x", 4)),  // SNI list longer than the data
      extension(0, u16(4) + std::string("\x00\x00\x09x", 4)),   // name longer than the list
      extension(0, std::string(1, '\0')),                       // SNI list length cut in half
      extension(16, u16(3) + "\x05h2"),                         // ALPN name longer than the list
      extension(16, u16(9) + "\x02h2"),                         // ALPN list longer than the data
      good + std::string(1, '\0'),                              // one stray byte after the last
  };
  for (const std::string& extensions : malformed) {
    INFO("extensions: " << extensions.size() << " bytes");
    ClientHello hello;
    REQUIRE(sniff(hello_with(extensions), hello) == TunnelProtocol::tls);
    CHECK_FALSE(hello.complete);
  }
  ClientHello hello;
  REQUIRE(sniff(hello_with(good), hello) == TunnelProtocol::tls);
  CHECK(hello.complete);
  CHECK(hello.server_name == "x.test");
}
