#include "cli/human_units.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace postern::cli {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "T" at 10 and ":" at 13 and 16: the shape of every time the API sends.
bool looks_iso(std::string_view iso) {
  return iso.size() >= 19 && iso[10] == 'T' && iso[13] == ':' && iso[16] == ':';
}

}  // namespace

std::string human_size(std::uint64_t bytes) {
  static constexpr std::array kUnits{"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < kUnits.size()) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, value < 10 ? "%.1f %s" : "%.0f %s", value, kUnits[unit]);
  return text;
}

std::string human_duration(std::int64_t milliseconds) {
  if (milliseconds < 0) milliseconds = 0;
  char text[48];
  if (milliseconds < 1000) {
    std::snprintf(text, sizeof text, "%lld ms", static_cast<long long>(milliseconds));
  } else if (milliseconds < 60'000) {
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(milliseconds) / 1000);
  } else if (milliseconds < 3'600'000) {
    const long long seconds = milliseconds / 1000;
    std::snprintf(text, sizeof text, "%lld min %02lld s", seconds / 60, seconds % 60);
  } else {
    const long long minutes = milliseconds / 60'000;
    std::snprintf(text, sizeof text, "%lld h %02lld min", minutes / 60, minutes % 60);
  }
  return text;
}

std::string date_time(std::string_view iso) {
  if (iso.empty()) return "-";
  if (!looks_iso(iso)) return std::string(iso);
  return std::string(iso.substr(0, 10)) + " " + std::string(iso.substr(11, 8));
}

std::string clock_time(std::string_view iso) {
  if (!looks_iso(iso)) return iso.empty() ? "-" : std::string(iso);
  std::string_view rest = iso.substr(11);
  if (!rest.empty() && rest.back() == 'Z') rest.remove_suffix(1);
  return std::string(rest);
}

std::optional<std::uint64_t> parse_byte_count(std::string_view text) {
  std::uint64_t number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  const std::string suffix = lower(std::string_view(end, text.data() + text.size() - end));
  int shift = 0;
  if (!suffix.empty()) {
    const std::string_view unit_tail = std::string_view(suffix).substr(1);
    if (suffix[0] == 'k') {
      shift = 10;
    } else if (suffix[0] == 'm') {
      shift = 20;
    } else if (suffix[0] == 'g') {
      shift = 30;
    } else if (suffix != "b") {
      return std::nullopt;
    }
    if (shift != 0 && !unit_tail.empty() && unit_tail != "b" && unit_tail != "ib")
      return std::nullopt;
  }
  if (shift != 0 && number > (UINT64_MAX >> shift)) return std::nullopt;
  return number << shift;
}

}  // namespace postern::cli
