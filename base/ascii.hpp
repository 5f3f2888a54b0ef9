#pragma once
// ASCII case mapping for protocol text (scheme and header names, hosts, hex digits). Locale-free
// on purpose: std::tolower depends on the C locale, and a Turkish locale would turn 'I' into a
// dotless i, which no protocol means.

#include <string>
#include <string_view>

namespace postern::base {

/// `text` with A-Z mapped to a-z; every other byte as it was.
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

/// `text` with a-z mapped to A-Z; every other byte as it was.
inline std::string ascii_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace postern::base
