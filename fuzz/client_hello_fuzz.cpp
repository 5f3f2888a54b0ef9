// Fuzz target for the first bytes a client sends inside a CONNECT tunnel: sniff_tunnel on
// arbitrary bytes. Nothing may crash or read out of range, and the answer must be one the proxy
// can act on: only TLS fills the hello, the SNI is lower case, and reading more bytes never
// changes an answer already given (the proxy decides on a prefix and then replays the bytes).
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "runtime/proxy/client_hello.hpp"

namespace {

using postern::proxy::ClientHello;
using postern::proxy::kMaxClientHelloBytes;
using postern::proxy::sniff_tunnel;
using postern::proxy::TunnelProtocol;

void check(bool condition) {
  if (!condition) std::abort();
}

bool same(const ClientHello& a, const ClientHello& b) {
  return a.server_name == b.server_name && a.alpn == b.alpn && a.complete == b.complete;
}

void check_answer(std::string_view bytes, TunnelProtocol protocol, const ClientHello& hello) {
  if (protocol != TunnelProtocol::tls) check(same(hello, ClientHello{}));
  if (protocol == TunnelProtocol::need_more) check(bytes.size() < kMaxClientHelloBytes);
  for (const char c : hello.server_name)
    check(c < 'A' || c > 'Z');
  for (const auto& protocol_name : hello.alpn)
    check(!protocol_name.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ClientHello hello;
  const TunnelProtocol protocol = sniff_tunnel(bytes, hello);
  check_answer(bytes, protocol, hello);

  // A prefix that already had an answer gives the same kind of answer on all the bytes, and a
  // ClientHello complete within the prefix reads the same.
  const std::string_view prefix = bytes.substr(0, size / 2);
  ClientHello early;
  const TunnelProtocol early_protocol = sniff_tunnel(prefix, early);
  check_answer(prefix, early_protocol, early);
  if (early_protocol != TunnelProtocol::need_more) check(early_protocol == protocol);
  if (early.complete) check(same(early, hello));

  ClientHello again;
  check(sniff_tunnel(bytes, again) == protocol && same(again, hello));  // no hidden state
  return 0;
}
