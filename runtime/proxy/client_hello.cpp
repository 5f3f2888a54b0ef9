#include "runtime/proxy/client_hello.hpp"

#include <cstdint>

namespace postern::proxy {
namespace {

constexpr unsigned char kHandshakeRecord = 0x16;
constexpr unsigned char kClientHelloType = 0x01;
constexpr std::uint16_t kServerNameExtension = 0;
constexpr std::uint16_t kAlpnExtension = 16;
constexpr unsigned char kHostNameType = 0;

// A bounds-checked reader over a byte range: every read fails softly past the end, so a
// malformed hello can only make parsing stop, never read out of range.
class Cursor {
 public:
  explicit Cursor(std::string_view bytes) : bytes_(bytes) {}
  bool ok() const { return ok_; }
  std::size_t left() const { return bytes_.size() - at_; }
  unsigned u8() { return ok_ && need(1) ? static_cast<unsigned char>(bytes_[at_++]) : 0; }
  unsigned u16() {
    const unsigned high = u8();
    return (high << 8) | u8();
  }
  unsigned u24() {
    const unsigned high = u8();
    return (high << 16) | u16();
  }
  std::string_view take(std::size_t n) {
    if (!ok_ || !need(n)) return {};
    const std::string_view part = bytes_.substr(at_, n);
    at_ += n;
    return part;
  }
  void skip(std::size_t n) { take(n); }

 private:
  bool need(std::size_t n) {
    if (left() < n) ok_ = false;
    return ok_;
  }
  std::string_view bytes_;
  std::size_t at_ = 0;
  bool ok_ = true;
};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Both extension readers return false when the extension is malformed (a length running past
// its data), so the hello counts as incomplete rather than complete with a field missing.
bool read_server_name(Cursor extension, ClientHello& hello) {
  Cursor list(extension.take(extension.u16()));
  while (list.ok() && list.left() > 0) {
    const unsigned type = list.u8();
    const std::string_view name = list.take(list.u16());
    if (list.ok() && type == kHostNameType && hello.server_name.empty())
      hello.server_name = lower(name);
  }
  return extension.ok() && list.ok();
}

bool read_alpn(Cursor extension, ClientHello& hello) {
  Cursor list(extension.take(extension.u16()));
  while (list.ok() && list.left() > 0) {
    const std::string_view protocol = list.take(list.u8());
    if (list.ok() && !protocol.empty()) hello.alpn.emplace_back(protocol);
  }
  return extension.ok() && list.ok();
}

// The ClientHello body (RFC 8446 §4.1.2): version, random, session id, suites, compression,
// then the extensions this proxy reads.
bool read_hello_body(Cursor body, ClientHello& hello) {
  body.skip(2 + 32);
  body.skip(body.u8());
  body.skip(body.u16());
  body.skip(body.u8());
  if (body.ok() && body.left() == 0) return true;  // no extensions at all (SSLv3-era clients)
  Cursor extensions(body.take(body.u16()));
  if (!body.ok()) return false;  // cut inside the fixed fields or the extensions' length
  while (extensions.ok() && extensions.left() > 0) {
    const unsigned type = extensions.u16();
    Cursor data(extensions.take(extensions.u16()));
    if (!extensions.ok()) return false;
    if (type == kServerNameExtension && !read_server_name(data, hello)) return false;
    if (type == kAlpnExtension && !read_alpn(data, hello)) return false;
  }
  return extensions.ok();
}

// A method token followed by a space: upper-case letters only, as every registered method is.
// Longer than 16 letters without a space is not a request line this proxy would accept anyway.
TunnelProtocol sniff_request_line(std::string_view bytes) {
  constexpr std::size_t kLongestMethod = 16;
  for (std::size_t i = 0; i < bytes.size() && i <= kLongestMethod; ++i) {
    const char c = bytes[i];
    if (c == ' ') return i > 0 ? TunnelProtocol::http : TunnelProtocol::other;
    if (c < 'A' || c > 'Z') return TunnelProtocol::other;
  }
  return bytes.size() <= kLongestMethod ? TunnelProtocol::need_more : TunnelProtocol::other;
}

}  // namespace

TunnelProtocol sniff_tunnel(std::string_view bytes, ClientHello& hello) {
  hello = ClientHello{};
  if (bytes.empty()) return TunnelProtocol::need_more;
  if (static_cast<unsigned char>(bytes[0]) != kHandshakeRecord) {
    return sniff_request_line(bytes);
  }
  if (bytes.size() < 5) return TunnelProtocol::need_more;
  Cursor record(bytes);
  record.skip(3);  // type, legacy version
  const std::size_t record_length = record.u16();
  if (bytes.size() < 5 + record_length) {
    return bytes.size() >= kMaxClientHelloBytes ? TunnelProtocol::tls : TunnelProtocol::need_more;
  }
  Cursor handshake(record.take(record_length));
  if (handshake.u8() != kClientHelloType) return TunnelProtocol::tls;
  const std::size_t hello_length = handshake.u24();
  if (!handshake.ok() || hello_length > handshake.left()) return TunnelProtocol::tls;
  hello.complete = read_hello_body(Cursor(handshake.take(hello_length)), hello);
  return TunnelProtocol::tls;
}

}  // namespace postern::proxy
