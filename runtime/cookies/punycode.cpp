#include "runtime/cookies/punycode.hpp"

#include <cstdint>
#include <vector>

#include "runtime/cookies/ascii.hpp"

namespace postern::cookies {

namespace {

// RFC 3492 §5 parameters for Punycode.
constexpr std::uint32_t kBase = 36;
constexpr std::uint32_t kTMin = 1;
constexpr std::uint32_t kTMax = 26;
constexpr std::uint32_t kSkew = 38;
constexpr std::uint32_t kDamp = 700;
constexpr std::uint32_t kInitialBias = 72;
constexpr std::uint32_t kInitialN = 0x80;
// DNS labels are at most 63 bytes; anything much longer is not a label, and the bound keeps the
// arithmetic below far from overflow.
constexpr std::size_t kMaxCodePoints = 256;

char digit_char(std::uint32_t digit) {
  return static_cast<char>(digit < 26 ? 'a' + digit : '0' + (digit - 26));
}

std::uint32_t adapt(std::uint32_t delta, std::uint32_t points, bool first) {
  delta = first ? delta / kDamp : delta / 2;
  delta += delta / points;
  std::uint32_t k = 0;
  while (delta > ((kBase - kTMin) * kTMax) / 2) {
    delta /= kBase - kTMin;
    k += kBase;
  }
  return k + (kBase - kTMin + 1) * delta / (delta + kSkew);
}

// RFC 3492 §6.3, the encoding procedure.
std::string punycode(const std::vector<std::uint32_t>& input) {
  std::string output;
  for (std::uint32_t point : input)
    if (point < 0x80) output += static_cast<char>(point);
  const auto basic = static_cast<std::uint32_t>(output.size());
  if (basic > 0) output += '-';
  std::uint32_t n = kInitialN, delta = 0, bias = kInitialBias, handled = basic;
  while (handled < input.size()) {
    std::uint32_t next = 0x10FFFF + 1;
    for (std::uint32_t point : input)
      if (point >= n && point < next) next = point;
    delta += (next - n) * (handled + 1);
    n = next;
    for (std::uint32_t point : input) {
      if (point < n) ++delta;
      if (point != n) continue;
      std::uint32_t q = delta;
      for (std::uint32_t k = kBase;; k += kBase) {
        const std::uint32_t t = k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
        if (q < t) break;
        output += digit_char(t + (q - t) % (kBase - t));
        q = (q - t) / (kBase - t);
      }
      output += digit_char(q);
      bias = adapt(delta, handled + 1, handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++n;
  }
  return output;
}

}  // namespace

std::optional<std::string> label_to_ascii(std::string_view label) {
  auto points = ascii::utf8_code_points(label);
  if (!points || points->size() > kMaxCodePoints) return std::nullopt;
  bool all_ascii = true;
  for (std::uint32_t point : *points)
    all_ascii = all_ascii && point < 0x80;
  if (all_ascii) return std::string(label);
  return "xn--" + punycode(*points);
}

std::optional<std::string> domain_to_ascii(std::string_view domain) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const auto dot = domain.find('.', start);
    auto label = label_to_ascii(domain.substr(start, dot - start));
    if (!label) return std::nullopt;
    out += *label;
    if (dot == std::string_view::npos) return out;
    out += '.';
    start = dot + 1;
  }
}

}  // namespace postern::cookies
