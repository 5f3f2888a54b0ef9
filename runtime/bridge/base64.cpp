#include "runtime/bridge/base64.hpp"

#include <array>
#include <cstdint>

#include "runtime/bridge/errc.hpp"

namespace postern::bridge {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Value of each byte in the alphabet, or -1.
constexpr std::array<std::int8_t, 256> make_table() {
  std::array<std::int8_t, 256> table{};
  for (auto& entry : table)
    entry = -1;
  for (std::size_t i = 0; i < kAlphabet.size(); ++i)
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  return table;
}
constexpr auto kTable = make_table();

base::Error invalid(std::string why) {
  return base::Error{make_error_code(errc::base64_invalid), "invalid base64: " + why, ""};
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                            static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1]))
                                << 8 |
                            static_cast<unsigned char>(bytes[i + 2]);
    for (int shift = 18; shift >= 0; shift -= 6)
      out += kAlphabet[(n >> shift) & 0x3F];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t n = static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kAlphabet[(n >> 18) & 0x3F];
    out += kAlphabet[(n >> 12) & 0x3F];
    out += rest == 2 ? kAlphabet[(n >> 6) & 0x3F] : '=';
    out += '=';
  }
  return out;
}

base::Result<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0)
    return invalid("length " + std::to_string(text.size()) + " is not a multiple of 4");
  std::size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool final_group = i + 4 == text.size();
    const std::size_t data_chars = final_group ? 4 - padding : 4;
    std::uint32_t n = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      const auto c = static_cast<unsigned char>(text[i + j]);
      const int value = j < data_chars ? kTable[c] : (c == '=' ? 0 : -1);
      if (value < 0) return invalid("unexpected character at offset " + std::to_string(i + j));
      n = n << 6 | static_cast<std::uint32_t>(value);
    }
    // Canonical form only: bits below the last whole byte must be zero.
    if ((padding == 1 && final_group && (n & 0xFF) != 0) ||
        (padding == 2 && final_group && (n & 0xFFFF) != 0))
      return invalid("non-zero bits in the final group");
    out += static_cast<char>(n >> 16 & 0xFF);
    if (data_chars > 2) out += static_cast<char>(n >> 8 & 0xFF);
    if (data_chars > 3) out += static_cast<char>(n & 0xFF);
  }
  return out;
}

}  // namespace postern::bridge
