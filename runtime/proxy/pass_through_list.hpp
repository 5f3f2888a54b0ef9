#pragma once
// The hosts whose CONNECT tunnels stay closed to interception: apps that pin their
// certificates fail against any minted leaf, so the proxy relays their bytes untouched.

#include <string>
#include <string_view>
#include <vector>

namespace postern::proxy {

/// Matches host names against "example.com" (that name) and "*.example.com" (the name and every
/// name under it) entries, case-insensitively.
class PassThroughList {
 public:
  /// The list of `entries`; blank entries are ignored, a trailing dot is dropped.
  explicit PassThroughList(const std::vector<std::string>& entries = {});
  /// True when `host` (no port, no brackets) is on the list.
  bool contains(std::string_view host) const;
  /// True when the list has no entries.
  bool empty() const { return exact_.empty() && suffixes_.empty(); }

 private:
  std::vector<std::string> exact_;     // lower-case names
  std::vector<std::string> suffixes_;  // ".example.com" for "*.example.com"
};

}  // namespace postern::proxy
