#include "runtime/bridge/utf8.hpp"

#include <cstdint>

namespace postern::bridge {

namespace {

// The range the second byte must fall in, per lead byte (RFC 3629 §4, "UTF8-2".."UTF8-4").
// Narrow second-byte ranges are what rule out overlongs (E0, F0), surrogates (ED) and code
// points above U+10FFFF (F4); every later byte is a plain continuation 80..BF.
struct LeadRule {
  std::size_t length;
  std::uint8_t second_min;
  std::uint8_t second_max;
};

constexpr LeadRule rule_for(std::uint8_t lead) {
  if (lead < 0x80) return {1, 0, 0};
  if (lead < 0xC2) return {0, 0, 0};  // continuation byte as lead, or overlong C0/C1
  if (lead < 0xE0) return {2, 0x80, 0xBF};
  if (lead == 0xE0) return {3, 0xA0, 0xBF};
  if (lead == 0xED) return {3, 0x80, 0x9F};
  if (lead < 0xF0) return {3, 0x80, 0xBF};
  if (lead == 0xF0) return {4, 0x90, 0xBF};
  if (lead < 0xF4) return {4, 0x80, 0xBF};
  if (lead == 0xF4) return {4, 0x80, 0x8F};
  return {0, 0, 0};  // F5..FF never appear in UTF-8
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  if (at >= text.size()) return 0;
  const auto lead = static_cast<std::uint8_t>(text[at]);
  const LeadRule rule = rule_for(lead);
  if (rule.length <= 1 || at + rule.length > text.size()) return rule.length == 1 ? 1 : 0;
  const auto second = static_cast<std::uint8_t>(text[at + 1]);
  if (second < rule.second_min || second > rule.second_max) return 0;
  for (std::size_t i = 2; i < rule.length; ++i) {
    const auto next = static_cast<std::uint8_t>(text[at + i]);
    if (next < 0x80 || next > 0xBF) return 0;
  }
  return rule.length;
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    // ASCII fast path: most JSON is ASCII, and this keeps a 64 MiB frame cheap to check.
    if (static_cast<std::uint8_t>(text[at]) < 0x80) {
      ++at;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) return at;
    at += length;
  }
  return std::nullopt;
}

}  // namespace postern::bridge
