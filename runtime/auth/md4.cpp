#include "runtime/auth/md4.hpp"

#include <array>
#include <cstdint>

namespace postern::auth {
namespace {

using Word = std::uint32_t;
using State = std::array<Word, 4>;

constexpr Word rotl(Word x, int s) {
  return (x << s) | (x >> (32 - s));
}
constexpr Word f(Word x, Word y, Word z) {
  return (x & y) | (~x & z);
}
constexpr Word g(Word x, Word y, Word z) {
  return (x & y) | (x & z) | (y & z);
}
constexpr Word h(Word x, Word y, Word z) {
  return x ^ y ^ z;
}

// RFC 1320 §3.4: three rounds of sixteen steps over one 64-byte block. Each round's word order and
// shift amounts are the RFC's tables; the constants are sqrt(2) and sqrt(3) in 2.30 fixed point.
void transform(State& state, const unsigned char* block) {
  std::array<Word, 16> x{};
  for (int i = 0; i < 16; ++i) {
    x[i] = Word(block[i * 4]) | Word(block[i * 4 + 1]) << 8 | Word(block[i * 4 + 2]) << 16 |
           Word(block[i * 4 + 3]) << 24;
  }
  Word a = state[0], b = state[1], c = state[2], d = state[3];
  static constexpr int kShift1[4] = {3, 7, 11, 19};
  static constexpr int kShift2[4] = {3, 5, 9, 13};
  static constexpr int kShift3[4] = {3, 9, 11, 15};
  static constexpr int kOrder2[16] = {0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15};
  static constexpr int kOrder3[16] = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};
  // The four registers rotate roles each step: (a,b,c,d) -> (d,a,b,c).
  auto step = [&](Word value, int shift) {
    Word next = rotl(a + value, shift);
    a = d;
    d = c;
    c = b;
    b = next;
  };
  for (int i = 0; i < 16; ++i)
    step(f(b, c, d) + x[i], kShift1[i % 4]);
  for (int i = 0; i < 16; ++i)
    step(g(b, c, d) + x[kOrder2[i]] + 0x5a827999u, kShift2[i % 4]);
  for (int i = 0; i < 16; ++i)
    step(h(b, c, d) + x[kOrder3[i]] + 0x6ed9eba1u, kShift3[i % 4]);
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
}

}  // namespace

std::string md4(std::string_view data) {
  State state = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u};
  // RFC 1320 §3.1-3.2: append 0x80, zeros to 56 mod 64, then the bit length (little endian).
  std::string message(data);
  const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  message += static_cast<char>(0x80);
  while (message.size() % 64 != 56)
    message += '\0';
  for (int i = 0; i < 8; ++i)
    message += static_cast<char>((bits >> (8 * i)) & 0xff);
  for (std::size_t at = 0; at < message.size(); at += 64)
    transform(state, reinterpret_cast<const unsigned char*>(message.data() + at));
  std::string digest;
  for (Word word : state) {
    for (int i = 0; i < 4; ++i)
      digest += static_cast<char>((word >> (8 * i)) & 0xff);
  }
  return digest;
}

}  // namespace postern::auth
